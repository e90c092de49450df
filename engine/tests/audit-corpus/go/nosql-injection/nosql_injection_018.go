// expect: nosql-injection (on the marked line)
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

func doSomething(value string) string {
	return value + "_checked"
}

func HandleNosqlInjection018(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	bar := doSomething(param)
	coll.FindOne(r.Context(), bson.M{"$where": "this.name == '" + bar + "'"})  // expect: nosql-injection
}
