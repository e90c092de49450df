// ok: xpath-injection
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

func HandleXpathInjection010(c *gin.Context) {
	w, r := c.Writer, c.Request
	_ = r
	param := c.Query("name")
	n, _ := strconv.Atoi(param)
	nodes := xmlquery.Find(doc, fmt.Sprintf("//user[@id='%d']", n))
	fmt.Fprint(w, len(nodes))
}
