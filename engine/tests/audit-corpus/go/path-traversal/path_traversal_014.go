// ok: path-traversal
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
	"github.com/gin-gonic/gin"
)

func HandlePathTraversal014(c *gin.Context) {
	w, r := c.Writer, c.Request
	_ = r
	param := c.Query("name")
	data, _ := os.ReadFile(filepath.Join("/var/app/files", filepath.Base(param)))
	w.Write(data)
}
