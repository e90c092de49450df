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

func HandleTemplateInjection022(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	allowed := map[string]bool{"alpha": true, "beta": true}
	if !allowed[param] {
		log.Println("unexpected value")
	}
	bar := param
	t, _ := template.New("page").Parse("<h1>Hello " + bar + "</h1>")  // expect: template-injection
	t.Execute(w, nil)
}
