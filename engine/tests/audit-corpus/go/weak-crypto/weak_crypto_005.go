// ok: weak-crypto
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

func HandleWeakCrypto005(w http.ResponseWriter, r *http.Request) {
	sum := sha256.Sum256([]byte("payload"))
	fmt.Fprintf(w, "%x", sum)
}
