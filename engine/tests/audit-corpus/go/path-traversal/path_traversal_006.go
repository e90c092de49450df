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

func HandlePathTraversal006(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query()["name"][0]
	bar := param
	http.ServeFile(w, r, bar)  // expect: path-traversal
}
