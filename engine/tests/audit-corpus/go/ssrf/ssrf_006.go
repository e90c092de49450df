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

func HandleSsrf006(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query()["name"][0]
	bar := param
	req, _ := http.NewRequest("GET", bar, nil)  // expect: ssrf
	http.DefaultClient.Do(req)
}
