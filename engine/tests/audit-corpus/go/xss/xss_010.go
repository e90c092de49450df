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

func HandleXss010(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := fmt.Sprintf("item-%s", param)
	w.Write([]byte("<p>" + bar + "</p>"))  // expect: xss
}
