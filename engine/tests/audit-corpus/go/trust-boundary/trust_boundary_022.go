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

func HandleTrustBoundary022(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	allowed := map[string]bool{"alpha": true, "beta": true}
	if !allowed[param] {
		log.Println("unexpected value")
	}
	bar := param
	session, _ := store.Get(r, "s")
	session.Values["role"] = bar  // expect: trust-boundary
	session.Save(r, w)
}
