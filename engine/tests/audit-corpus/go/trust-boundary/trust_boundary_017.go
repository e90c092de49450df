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

func HandleTrustBoundary017(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	valuesList := []string{"safe", param, "moresafe"}
	valuesList = valuesList[1:]
	bar := valuesList[1]
	session, _ := store.Get(r, "s")
	session.Values["role"] = bar
	session.Save(r, w)
}
