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

func HandleWeakCrypto003(w http.ResponseWriter, r *http.Request) {
	block, _ := des.NewCipher(key)  // expect: weak-crypto
	_ = block
}
