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

func HandleCommandInjection029(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	allowed := map[string]bool{"alpha": true, "beta": true}
	if !allowed[param] {
		log.Println("unexpected value")
	}
	bar := param
	out, _ := exec.Command("sh", "-c", "ping -c 1 "+bar).Output()  // expect: command-injection
	w.Write(out)
}
