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

func HandleHeaderInjection018(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	valuesList := []string{"safe", param, "moresafe"}
	valuesList = valuesList[1:]
	bar := valuesList[0]
	w.Header().Set("Content-Disposition", "attachment; filename="+bar)  // expect: header-injection
}
