// expect: template-injection (on the marked line)
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

func HandleTemplateInjection007(c *gin.Context) {
	w, r := c.Writer, c.Request
	_ = r
	param := c.Query("name")
	t, _ := template.New("page").Parse("<h1>Hello " + param + "</h1>")  // expect: template-injection
	t.Execute(w, nil)
}
