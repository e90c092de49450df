// expect: open-redirect (on the marked line)
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

func HandleOpenRedirect004(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := fmt.Sprintf("item-%s", param)
	http.Redirect(w, r, bar, http.StatusFound)  // expect: open-redirect
}
