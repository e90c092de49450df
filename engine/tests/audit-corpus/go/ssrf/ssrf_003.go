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

func HandleSsrf003(w http.ResponseWriter, r *http.Request) {
	param := r.Header.Get("X-Name")
	bar := param
	resp, _ := http.Get("http://" + bar + "/status")  // expect: ssrf
	defer resp.Body.Close()
}
