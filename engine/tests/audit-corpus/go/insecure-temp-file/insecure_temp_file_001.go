// expect: insecure-temp-file (on the marked line)
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

func HandleInsecureTempFile001(w http.ResponseWriter, r *http.Request) {
	os.WriteFile("/tmp/report.csv", []byte("a,b"), 0644)  // expect: insecure-temp-file
}
