// ok: jwt-verification
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
	"github.com/golang-jwt/jwt/v5"
)

func HandleJwtVerification002(w http.ResponseWriter, r *http.Request) {
	tok, _ := jwt.Parse(r.Header.Get("Authorization"), keyFunc, jwt.WithValidMethods([]string{"RS256"}))
	fmt.Fprint(w, tok.Claims)
}
