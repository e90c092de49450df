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

func HandleXpathInjection017(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	valuesList := []string{"safe", param, "moresafe"}
	valuesList = valuesList[1:]
	bar := valuesList[1]
	nodes := xmlquery.Find(doc, "//user[@name='"+bar+"']")
	fmt.Fprint(w, len(nodes))
}
