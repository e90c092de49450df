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

func HandleTrustBoundary011(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	bar := "constant-value"
	_ = param
	session, _ := store.Get(r, "s")
	session.Values["role"] = bar
	session.Save(r, w)
}
