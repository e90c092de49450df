// ok: hardcoded-secret
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
	"database/sql"
)

func HandleHardcodedSecret003(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", os.Getenv("DATABASE_URL"))
	_ = db
}
