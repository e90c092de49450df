// expect: zip-slip (on the marked line)
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
	"archive/tar"
	"archive/zip"
)

func HandleZipSlip002(w http.ResponseWriter, r *http.Request) {
	tr := tar.NewReader(r.Body)
	for {
		hdr, err := tr.Next()
		if err != nil {
			break
		}
		os.MkdirAll(filepath.Join("/var/app/extract", hdr.Name), 0755)  // expect: zip-slip
	}
}
