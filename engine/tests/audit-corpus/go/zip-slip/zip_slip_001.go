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

func HandleZipSlip001(w http.ResponseWriter, r *http.Request) {
	zr, _ := zip.OpenReader("/var/app/uploads/archive.zip")
	for _, f := range zr.File {
		out, _ := os.Create(filepath.Join("/var/app/extract", f.Name))  // expect: zip-slip
		out.Close()
	}
}
