// expect: path-traversal (on the marked line)
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

func HandlePathTraversal011(c *gin.Context) {
	w, r := c.Writer, c.Request
	_ = r
	param := c.Query("name")
	f, _ := os.Open("/var/app/files/" + param)  // expect: path-traversal
	defer f.Close()
}
