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

func HandleCommandInjection019(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	limit := 86
	var bar string
	if limit*2 > 200 {
		bar = "fixed_value"
	} else {
		bar = param
	}
	out, _ := exec.Command("sh", "-c", "ping -c 1 "+bar).Output()  // expect: command-injection
	w.Write(out)
}
