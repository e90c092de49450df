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

func HandleHeaderInjection014(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	limit := 86
	var bar string
	if limit*2 > 200 {
		bar = "fixed_value"
	} else {
		bar = param
	}
	w.Header().Set("Content-Disposition", "attachment; filename="+bar)  // expect: header-injection
}
