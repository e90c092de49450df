// ok: command-injection
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

func HandleCommandInjection017(c *gin.Context) {
	w, r := c.Writer, c.Request
	_ = r
	param := c.Query("name")
	n, _ := strconv.Atoi(param)
	out, _ := exec.Command("sh", "-c", fmt.Sprintf("seq %d", n)).Output()
	w.Write(out)
}
