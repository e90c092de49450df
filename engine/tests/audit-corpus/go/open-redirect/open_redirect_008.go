// ok: open-redirect
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

func HandleOpenRedirect008(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	bar := param
	http.Redirect(w, r, "/search?q="+url.QueryEscape(bar), http.StatusFound)
}
