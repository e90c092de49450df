// ok: insecure-temp-file
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

func HandleInsecureTempFile003(w http.ResponseWriter, r *http.Request) {
	f, _ := os.CreateTemp("", "report-*.csv")
	defer f.Close()
}
