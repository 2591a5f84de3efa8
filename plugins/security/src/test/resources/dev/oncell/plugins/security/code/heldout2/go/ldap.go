// oncell-bench: vulnerable ldap
package auth

import (
	"fmt"
	"net/http"

	"github.com/go-ldap/ldap/v3"
)

func Lookup(conn *ldap.Conn, w http.ResponseWriter, r *http.Request) {
	uid := r.URL.Query().Get("uid")
	req := ldap.NewSearchRequest("dc=example,dc=com", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false,
		fmt.Sprintf("(uid=%s)", uid), []string{"dn"}, nil)
	res, err := conn.Search(req)
	if err == nil {
		fmt.Fprintf(w, "%d", len(res.Entries))
	}
}
