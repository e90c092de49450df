// ok: xpath-injection
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

func HandleXpathInjection009(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := param
	n, _ := strconv.Atoi(bar)
	nodes := xmlquery.Find(doc, fmt.Sprintf("//user[@id='%d']", n))
	fmt.Fprint(w, len(nodes))
}
