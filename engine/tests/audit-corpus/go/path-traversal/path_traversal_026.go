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

func HandlePathTraversal026(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	allowed := map[string]bool{"alpha": true, "beta": true}
	if !allowed[param] {
		log.Println("unexpected value")
	}
	bar := param
	f, _ := os.Open("/var/app/files/" + bar)  // expect: path-traversal
	defer f.Close()
}
