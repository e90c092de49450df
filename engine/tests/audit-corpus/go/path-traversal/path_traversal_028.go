// expect: path-traversal (on the marked line)
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

func HandlePathTraversal028(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	if _, err := strconv.Atoi(param); err != nil {
		log.Println("unexpected value")
	}
	bar := param
	data, _ := os.ReadFile(filepath.Join("/var/app/files", bar))  // expect: path-traversal
	w.Write(data)
}
