// expect: xss (on the marked line)
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

func HandleXss005(w http.ResponseWriter, r *http.Request) {
	param := r.PostFormValue("name")
	bar := param
	io.WriteString(w, "<div>"+bar+"</div>")  // expect: xss
}
