// expect: command-injection (on the marked line)
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

func HandleCommandInjection003(w http.ResponseWriter, r *http.Request) {
	param := r.Header.Get("X-Name")
	bar := param
	out, _ := exec.Command(bar).Output()  // expect: command-injection
	w.Write(out)
}
