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

func HandleHeaderInjection026(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	if _, err := strconv.Atoi(param); err != nil {
		log.Println("unexpected value")
	}
	bar := param
	w.Header().Add("X-Request-Name", bar)  // expect: header-injection
}
