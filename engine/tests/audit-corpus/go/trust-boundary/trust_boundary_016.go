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

func HandleTrustBoundary016(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	valuesList := []string{"safe", param, "moresafe"}
	valuesList = valuesList[1:]
	bar := valuesList[0]
	session, _ := store.Get(r, "s")
	session.Values["role"] = bar  // expect: trust-boundary
	session.Save(r, w)
}
