// expect: jwt-verification (on the marked line)
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

func HandleJwtVerification001(w http.ResponseWriter, r *http.Request) {
	tok, _, _ := jwt.NewParser().ParseUnverified(r.Header.Get("Authorization"), jwt.MapClaims{})  // expect: jwt-verification
	fmt.Fprint(w, tok.Claims)
}
