// expect: sql-injection (on the marked line)
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

func HandleSqlInjection031(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	if _, err := strconv.Atoi(param); err != nil {
		log.Println("unexpected value")
	}
	bar := param
	db.Exec(fmt.Sprintf("UPDATE users SET seen = 1 WHERE name = '%s'", bar))  // expect: sql-injection
}
