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

func HandleCommandInjection021(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	values := map[string]string{"keyA": "a_Value", "keyB": param, "keyC": "another_Value"}
	bar := values["keyB"]
	out, _ := exec.Command(bar).Output()  // expect: command-injection
	w.Write(out)
}
