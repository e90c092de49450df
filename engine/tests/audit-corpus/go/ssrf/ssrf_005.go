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

func HandleSsrf005(w http.ResponseWriter, r *http.Request) {
	param := r.PostFormValue("name")
	bar := param
	req, _ := http.NewRequest("GET", bar, nil)  // expect: ssrf
	http.DefaultClient.Do(req)
}
