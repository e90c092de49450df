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

func HandlePathTraversal010(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	var sb strings.Builder
	sb.WriteString("item-")
	sb.WriteString(param)
	bar := sb.String()
	f, _ := os.Open("/var/app/files/" + bar)  // expect: path-traversal
	defer f.Close()
}
