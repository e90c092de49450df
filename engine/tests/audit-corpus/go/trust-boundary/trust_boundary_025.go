// ok: trust-boundary
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

func HandleTrustBoundary025(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	if _, err := strconv.Atoi(param); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	bar := param
	session, _ := store.Get(r, "s")
	session.Values["role"] = bar
	session.Save(r, w)
}
