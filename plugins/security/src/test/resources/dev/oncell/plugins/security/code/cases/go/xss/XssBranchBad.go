// oncell-bench: vulnerable xss
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

func xssBranchBad(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	bar := "none"
	if len(param) > 3 {
		bar = param
	}
	fmt.Fprintf(w, "<p>Hello %s</p>", bar)
}
