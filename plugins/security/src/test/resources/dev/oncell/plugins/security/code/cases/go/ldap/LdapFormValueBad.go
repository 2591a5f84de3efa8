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

func ldapFormValueBad(w http.ResponseWriter, r *http.Request) {
	param := r.FormValue("name")
	ldap.NewSearchRequest("dc=example,dc=com", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, "(uid="+param+")", []string{{"dn"}}, nil)
}
