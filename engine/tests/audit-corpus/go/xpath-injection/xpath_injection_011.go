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

func HandleXpathInjection011(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	bar := "constant-value"
	_ = param
	nodes := xmlquery.Find(doc, "//user[@name='"+bar+"']")
	fmt.Fprint(w, len(nodes))
}
