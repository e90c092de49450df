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

func HandleWeakRandom001(w http.ResponseWriter, r *http.Request) {
	token := fmt.Sprintf("%x", rand.Int63())  // expect: weak-random
	http.SetCookie(w, &http.Cookie{Name: "reset_token", Value: token, Secure: true, HttpOnly: true})
}
