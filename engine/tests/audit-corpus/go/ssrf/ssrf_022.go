// expect: ssrf (on the marked line)
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

func HandleSsrf022(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := doSomething(param)
	resp, _ := http.Get(bar)  // expect: ssrf
	defer resp.Body.Close()
}
