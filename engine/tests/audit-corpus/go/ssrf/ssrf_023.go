// ok: ssrf
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

func HandleSsrf023(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := doSomething(param)
	resp, _ := http.Get(bar)
	defer resp.Body.Close()
}
