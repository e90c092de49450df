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

func HandleXss020(w http.ResponseWriter, r *http.Request) {
	param := r.Header.Get("X-Name")
	bar := param
	w.Write([]byte("<p>" + template.HTMLEscapeString(bar) + "</p>"))
}
