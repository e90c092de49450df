// expect: command-injection (on the marked line)
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

func HandleCommandInjection006(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query()["name"][0]
	bar := param
	exec.CommandContext(r.Context(), "bash", "-c", "nslookup "+bar).Run()  // expect: command-injection
}
