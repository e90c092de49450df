// expect: trust-boundary (on the marked line)
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

func decorate(value string) string {
	return strings.TrimSpace(value)
}

func HandleTrustBoundary005(w http.ResponseWriter, r *http.Request) {
	param := r.Header.Get("X-Name")
	bar := decorate(param)
	session, _ := store.Get(r, "s")
	session.Values["role"] = bar  // expect: trust-boundary
	session.Save(r, w)
}
