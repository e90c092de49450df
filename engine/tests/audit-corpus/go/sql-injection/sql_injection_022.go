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

func HandleSqlInjection022(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	values := map[string]string{"keyA": "a_Value", "keyB": param, "keyC": "another_Value"}
	bar := values["keyA"]
	db.Exec(fmt.Sprintf("UPDATE users SET seen = 1 WHERE name = '%s'", bar))
}
