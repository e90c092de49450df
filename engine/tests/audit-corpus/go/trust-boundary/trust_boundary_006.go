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

func HandleTrustBoundary006(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	var sb strings.Builder
	sb.WriteString("item-")
	sb.WriteString(param)
	bar := sb.String()
	session, _ := store.Get(r, "s")
	session.Values["role"] = bar  // expect: trust-boundary
	session.Save(r, w)
}
