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

func HandleLogInjection022(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	selector := 1
	var bar string
	switch selector {
	case 1:
		bar = param
	case 2:
		bar = "bob"
	default:
		bar = "bob's your uncle"
	}
	log.Printf("login attempt for " + bar)  // expect: log-injection
}
