// expect: ldap-injection (on the marked line)
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

func decorate(value string) string {
	return strings.TrimSpace(value)
}

func HandleLdapInjection005(w http.ResponseWriter, r *http.Request) {
	param := r.Header.Get("X-Name")
	bar := decorate(param)
	req := ldap.NewSearchRequest("dc=example,dc=com", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, "(uid="+bar+")", []string{"dn"}, nil)  // expect: ldap-injection
	conn.Search(req)
}
