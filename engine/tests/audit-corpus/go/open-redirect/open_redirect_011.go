// ok: open-redirect
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

func HandleOpenRedirect011(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	bar := "constant-value"
	_ = param
	http.Redirect(w, r, bar, http.StatusFound)
}
