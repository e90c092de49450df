// ok: xss
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

func HandleXss021(w http.ResponseWriter, r *http.Request) {
	cookie, err := r.Cookie("name")
	if err != nil {
		http.Error(w, "no cookie", http.StatusBadRequest)
		return
	}
	param := cookie.Value
	bar := param
	w.Write([]byte("<p>" + template.HTMLEscapeString(bar) + "</p>"))
}
