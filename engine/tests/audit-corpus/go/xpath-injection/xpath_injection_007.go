// expect: xpath-injection (on the marked line)
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

func HandleXpathInjection007(c *gin.Context) {
	w, r := c.Writer, c.Request
	_ = r
	param := c.Query("name")
	nodes := xmlquery.Find(doc, "//user[@name='"+param+"']")  // expect: xpath-injection
	fmt.Fprint(w, len(nodes))
}
