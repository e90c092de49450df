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

func HandleSqlInjection005(w http.ResponseWriter, r *http.Request) {
	param := r.PostFormValue("name")
	bar := param
	query := "DELETE FROM sessions WHERE user = '" + bar + "'"
	db.ExecContext(r.Context(), query)  // expect: sql-injection
}
