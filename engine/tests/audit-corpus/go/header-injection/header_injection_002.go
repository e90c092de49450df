// expect: header-injection (on the marked line)
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

func HandleHeaderInjection002(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := param
	w.Header().Set("Content-Disposition", "attachment; filename="+bar)  // expect: header-injection
}
