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

func HandleInsecureTempFile002(w http.ResponseWriter, r *http.Request) {
	f, _ := os.Create(filepath.Join(os.TempDir(), "upload.bin"))  // expect: insecure-temp-file
	defer f.Close()
}
