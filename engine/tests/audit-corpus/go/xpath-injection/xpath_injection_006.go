// expect: xpath-injection (on the marked line)
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

func HandleXpathInjection006(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	var sb strings.Builder
	sb.WriteString("item-")
	sb.WriteString(param)
	bar := sb.String()
	nodes := xmlquery.Find(doc, "//user[@name='"+bar+"']")  // expect: xpath-injection
	fmt.Fprint(w, len(nodes))
}
