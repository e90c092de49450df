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

func HandleTemplateInjection012(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	limit := 86
	var bar string
	if limit*2 > 200 {
		bar = "fixed_value"
	} else {
		bar = param
	}
	t, _ := template.New("page").Parse("<h1>Hello " + bar + "</h1>")  // expect: template-injection
	t.Execute(w, nil)
}
