// expect: template-injection (on the marked line)
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

func decorate(value string) string {
	return strings.TrimSpace(value)
}

func HandleTemplateInjection005(w http.ResponseWriter, r *http.Request) {
	param := r.Header.Get("X-Name")
	bar := decorate(param)
	t, _ := template.New("page").Parse("<h1>Hello " + bar + "</h1>")  // expect: template-injection
	t.Execute(w, nil)
}
