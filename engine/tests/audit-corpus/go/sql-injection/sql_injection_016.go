// ok: sql-injection
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

func HandleSqlInjection016(w http.ResponseWriter, r *http.Request) {
	param := r.Header.Get("X-Name")
	bar := param
	db.ExecContext(r.Context(), "DELETE FROM sessions WHERE user = $1", bar)
}
