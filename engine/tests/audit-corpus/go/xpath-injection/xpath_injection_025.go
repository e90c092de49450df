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

func HandleXpathInjection025(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	if _, err := strconv.Atoi(param); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	bar := param
	nodes := xmlquery.Find(doc, "//user[@name='"+bar+"']")
	fmt.Fprint(w, len(nodes))
}
