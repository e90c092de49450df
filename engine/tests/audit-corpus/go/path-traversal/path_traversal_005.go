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

func HandlePathTraversal005(w http.ResponseWriter, r *http.Request) {
	param := r.PostFormValue("name")
	bar := param
	http.ServeFile(w, r, bar)  // expect: path-traversal
}
