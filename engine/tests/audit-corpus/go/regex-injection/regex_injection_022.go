// expect: regex-injection (on the marked line)
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

func HandleRegexInjection022(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	allowed := map[string]bool{"alpha": true, "beta": true}
	if !allowed[param] {
		log.Println("unexpected value")
	}
	bar := param
	re := regexp.MustCompile(bar)  // expect: regex-injection
	fmt.Fprint(w, re.MatchString("input text"))
}
