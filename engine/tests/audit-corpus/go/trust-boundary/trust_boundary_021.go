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

func HandleTrustBoundary021(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	selector := 2
	var bar string
	switch selector {
	case 1:
		bar = param
	case 2:
		bar = "bob"
	default:
		bar = "bob's your uncle"
	}
	session, _ := store.Get(r, "s")
	session.Values["role"] = bar
	session.Save(r, w)
}
