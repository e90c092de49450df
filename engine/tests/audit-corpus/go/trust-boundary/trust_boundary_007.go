// expect: trust-boundary (on the marked line)
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

func HandleTrustBoundary007(c *gin.Context) {
	w, r := c.Writer, c.Request
	_ = r
	param := c.Query("name")
	session, _ := store.Get(r, "s")
	session.Values["role"] = param  // expect: trust-boundary
	session.Save(r, w)
}
