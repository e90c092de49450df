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

func HandleHardcodedSecret002(w http.ResponseWriter, r *http.Request) {
	apiKey := "sk_live_51HxQ2eLkdP9vT8nB3mQ7rZ"  // expect: hardcoded-secret
	_ = apiKey
}
