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

func decorate(value string) string {
	return strings.TrimSpace(value)
}

func HandleSqlInjection009(w http.ResponseWriter, r *http.Request) {
	param := r.Header.Get("X-Name")
	bar := decorate(param)
	query := "DELETE FROM sessions WHERE user = '" + bar + "'"
	db.ExecContext(r.Context(), query)  // expect: sql-injection
}
