// expect: log-injection (on the marked line)
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

func HandleLogInjection003(w http.ResponseWriter, r *http.Request) {
	param := r.Header.Get("X-Name")
	bar := param
	log.Println("unknown item", bar)  // expect: log-injection
}
