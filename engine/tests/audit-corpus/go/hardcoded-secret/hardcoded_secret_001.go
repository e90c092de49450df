// expect: hardcoded-secret (on the marked line)
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

func HandleHardcodedSecret001(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", "postgres://app:Tr0ub4dor3x@db.internal:5432/app")  // expect: hardcoded-secret
	_ = db
}
