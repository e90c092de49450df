// ok: template-injection
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

func HandleTemplateInjection023(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	allowed := map[string]bool{"alpha": true, "beta": true}
	if !allowed[param] {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	bar := param
	t, _ := template.New("page").Parse("<h1>Hello " + bar + "</h1>")
	t.Execute(w, nil)
}
