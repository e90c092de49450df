// expect: weak-random (on the marked line)
package handlers

import (
	"fmt"
	"html"
	"io"
	"log"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"math/rand"
	"strconv"
)

func HandleWeakRandom002(w http.ResponseWriter, r *http.Request) {
	sessionID := strconv.Itoa(rand.Intn(1000000))  // expect: weak-random
	fmt.Fprint(w, sessionID)
}
