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

func HandleSqlInjection013(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := param
	rows, _ := db.Query("SELECT * FROM users WHERE name = ?", bar)
	defer rows.Close()
}
