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

func HandleSqlInjection004(w http.ResponseWriter, r *http.Request) {
	cookie, err := r.Cookie("name")
	if err != nil {
		http.Error(w, "no cookie", http.StatusBadRequest)
		return
	}
	param := cookie.Value
	bar := param
	db.Exec(fmt.Sprintf("UPDATE users SET seen = 1 WHERE name = '%s'", bar))  // expect: sql-injection
}
