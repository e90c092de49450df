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

func HandleSsrf004(w http.ResponseWriter, r *http.Request) {
	cookie, err := r.Cookie("name")
	if err != nil {
		http.Error(w, "no cookie", http.StatusBadRequest)
		return
	}
	param := cookie.Value
	bar := param
	resp, _ := http.Get("http://" + bar + "/status")  // expect: ssrf
	defer resp.Body.Close()
}
