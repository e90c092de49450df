// ok: log-injection
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

func HandleLogInjection011(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := param
	log.Printf("login attempt for %s", strconv.Quote(bar))
}
