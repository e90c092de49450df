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

func HandleLdapInjection006(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	var sb strings.Builder
	sb.WriteString("item-")
	sb.WriteString(param)
	bar := sb.String()
	req := ldap.NewSearchRequest("dc=example,dc=com", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, "(uid="+bar+")", []string{"dn"}, nil)  // expect: ldap-injection
	conn.Search(req)
}
