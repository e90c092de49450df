// ok: log-injection
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

func doSomething(value string) string {
	fixed := "safe!"
	return fixed
}

func HandleLogInjection021(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := doSomething(param)
	log.Println("unknown item", bar)
}
