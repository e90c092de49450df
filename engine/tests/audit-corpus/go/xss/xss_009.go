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

func HandleXss009(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	bar := "item-" + param
	fmt.Fprintf(w, "<p>Hello %s</p>", bar)  // expect: xss
}
