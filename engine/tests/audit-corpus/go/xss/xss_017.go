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

func HandleXss017(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := param
	page.Execute(w, bar)
}
