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

func HandleLogInjection013(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	bar := "constant-value"
	_ = param
	log.Printf("login attempt for " + bar)
}
