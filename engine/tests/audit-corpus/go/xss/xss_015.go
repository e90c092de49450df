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

func HandleXss015(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := param
	fmt.Fprintf(w, "<p>Hello %s</p>", html.EscapeString(bar))
}
