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

func doSomething(value string) string {
	fixed := "safe!"
	return fixed
}

func HandleXpathInjection019(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := doSomething(param)
	nodes := xmlquery.Find(doc, "//user[@name='"+bar+"']")
	fmt.Fprint(w, len(nodes))
}
