// expect: command-injection (on the marked line)
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

func HandleCommandInjection025(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := doSomething(param)
	out, _ := exec.Command("sh", "-c", "ping -c 1 "+bar).Output()  // expect: command-injection
	w.Write(out)
}
