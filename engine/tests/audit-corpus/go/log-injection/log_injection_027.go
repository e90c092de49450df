// ok: log-injection
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

func HandleLogInjection027(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	if _, err := strconv.Atoi(param); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	bar := param
	log.Println("unknown item", bar)
}
