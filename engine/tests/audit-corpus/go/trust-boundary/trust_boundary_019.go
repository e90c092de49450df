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

func doSomething(value string) string {
	fixed := "safe!"
	return fixed
}

func HandleTrustBoundary019(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := doSomething(param)
	session, _ := store.Get(r, "s")
	session.Values["role"] = bar
	session.Save(r, w)
}
