// ok: regex-injection
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

func HandleRegexInjection008(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	bar := param
	re := regexp.MustCompile(regexp.QuoteMeta(bar))
	fmt.Fprint(w, re.MatchString("input text"))
}
