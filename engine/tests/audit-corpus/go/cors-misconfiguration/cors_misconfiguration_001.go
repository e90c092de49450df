// expect: cors-misconfiguration (on the marked line)
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

func HandleCorsMisconfiguration001(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))  // expect: cors-misconfiguration
	w.Header().Set("Access-Control-Allow-Credentials", "true")
}
