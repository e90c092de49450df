// expect: log-injection (on the marked line)
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
)

func HandleLogInjection006(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := fmt.Sprintf("item-%s", param)
	log.Println("unknown item", bar)  // expect: log-injection
}
