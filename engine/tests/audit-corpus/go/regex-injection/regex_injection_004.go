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

func HandleRegexInjection004(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := fmt.Sprintf("item-%s", param)
	re := regexp.MustCompile(bar)  // expect: regex-injection
	fmt.Fprint(w, re.MatchString("input text"))
}
