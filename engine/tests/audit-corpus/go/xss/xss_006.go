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

func HandleXss006(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query()["name"][0]
	bar := param
	io.WriteString(w, "<div>"+bar+"</div>")  // expect: xss
}
