// ok: nosql-injection
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

func HandleNosqlInjection009(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := param
	coll.FindOne(r.Context(), bson.M{"name": bar})
}
