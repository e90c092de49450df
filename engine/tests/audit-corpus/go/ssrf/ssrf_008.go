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

func HandleSsrf008(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := fmt.Sprintf("item-%s", param)
	resp, _ := http.Get("http://" + bar + "/status")  // expect: ssrf
	defer resp.Body.Close()
}
