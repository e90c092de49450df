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

func HandleCommandInjection013(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := param
	out, _ := exec.Command("ping", "-c", "1", bar).Output()
	w.Write(out)
}
