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

func HandleTemplateInjection017(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	valuesList := []string{"safe", param, "moresafe"}
	valuesList = valuesList[1:]
	bar := valuesList[1]
	t, _ := template.New("page").Parse("<h1>Hello " + bar + "</h1>")
	t.Execute(w, nil)
}
