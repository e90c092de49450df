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

func HandleTrustBoundary008(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	bar := param
	n, _ := strconv.Atoi(bar)
	session, _ := store.Get(r, "s")
	session.Values["page"] = n
	session.Save(r, w)
}
