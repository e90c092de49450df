// expect: xss (on the marked line)
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

func HandleXss008(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := param
	page.Execute(w, template.HTML(bar))  // expect: xss
}
