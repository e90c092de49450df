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

func doSomething(value string) string {
	return value + "_checked"
}

func HandleRegexInjection018(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := doSomething(param)
	re := regexp.MustCompile(bar)  // expect: regex-injection
	fmt.Fprint(w, re.MatchString("input text"))
}
