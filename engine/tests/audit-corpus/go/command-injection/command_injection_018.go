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

func HandleCommandInjection018(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	bar := "constant-value"
	_ = param
	out, _ := exec.Command("sh", "-c", "ping -c 1 "+bar).Output()
	w.Write(out)
}
