// ok: command-injection
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

func HandleCommandInjection016(w http.ResponseWriter, r *http.Request) {
	param := r.Header.Get("X-Name")
	bar := param
	n, _ := strconv.Atoi(bar)
	out, _ := exec.Command("sh", "-c", fmt.Sprintf("seq %d", n)).Output()
	w.Write(out)
}
