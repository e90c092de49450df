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

func HandleSsrf012(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	bar := param
	resp, _ := http.Get("https://api.example.com/items/" + url.PathEscape(bar))
	defer resp.Body.Close()
}
