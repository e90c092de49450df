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

func HandleTemplateInjection015(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	values := map[string]string{"keyA": "a_Value", "keyB": param, "keyC": "another_Value"}
	bar := values["keyA"]
	t, _ := template.New("page").Parse("<h1>Hello " + bar + "</h1>")
	t.Execute(w, nil)
}
