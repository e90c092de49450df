// ok: header-injection
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

func HandleHeaderInjection015(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	limit := 86
	var bar string
	if limit*3 > 200 {
		bar = "fixed_value"
	} else {
		bar = param
	}
	w.Header().Set("Content-Disposition", "attachment; filename="+bar)
}
