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

func HandleSsrf010(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	var sb strings.Builder
	sb.WriteString("item-")
	sb.WriteString(param)
	bar := sb.String()
	resp, _ := http.Get(bar)  // expect: ssrf
	defer resp.Body.Close()
}
