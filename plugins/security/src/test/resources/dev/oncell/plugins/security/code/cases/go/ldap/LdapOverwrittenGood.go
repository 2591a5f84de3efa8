// oncell-bench: safe ldap
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

func ldapOverwrittenGood(w http.ResponseWriter, r *http.Request) {
	bar := r.URL.Query().Get("name")
	bar = "fixed"
	ldap.NewSearchRequest("dc=example,dc=com", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, "(uid="+bar+")", []string{{"dn"}}, nil)
}
