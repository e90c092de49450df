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
)

func HandleXpathInjection015(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	values := map[string]string{"keyA": "a_Value", "keyB": param, "keyC": "another_Value"}
	bar := values["keyA"]
	nodes := xmlquery.Find(doc, "//user[@name='"+bar+"']")
	fmt.Fprint(w, len(nodes))
}
