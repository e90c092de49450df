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

func doSomething(value string) string {
	return value + "_checked"
}

func HandleXpathInjection018(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := doSomething(param)
	nodes := xmlquery.Find(doc, "//user[@name='"+bar+"']")  // expect: xpath-injection
	fmt.Fprint(w, len(nodes))
}
