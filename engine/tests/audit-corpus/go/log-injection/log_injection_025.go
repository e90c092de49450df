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

func HandleLogInjection025(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	allowed := map[string]bool{"alpha": true, "beta": true}
	if !allowed[param] {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	bar := param
	log.Printf("login attempt for " + bar)
}
