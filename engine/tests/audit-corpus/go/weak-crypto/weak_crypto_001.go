// expect: weak-crypto (on the marked line)
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
	"crypto/aes"
	"crypto/cipher"
	"crypto/des"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha1"
	"crypto/sha256"
)

func HandleWeakCrypto001(w http.ResponseWriter, r *http.Request) {
	sum := md5.Sum([]byte("payload"))  // expect: weak-crypto
	fmt.Fprintf(w, "%x", sum)
}
