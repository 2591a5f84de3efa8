// oncell-bench: vulnerable ldap
package cases

import (
	"crypto/md5"
	"database/sql"
	"fmt"
	"html"
	"math/rand"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
)

var db *sql.DB
var allowed = map[string]bool{"alice": true, "bob": true}

func decorate(s string) string { return "[" + s + "]" }

func ignore(s string) string { return "constant" }

func ldapBranchBad(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	bar := "none"
	if len(param) > 3 {
		bar = param
	}
	ldap.NewSearchRequest("dc=example,dc=com", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, "(uid="+bar+")", []string{{"dn"}}, nil)
}
