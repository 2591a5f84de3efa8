// oncell-bench: vulnerable sql
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

func sqlHardLoopCarriedBad(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	previous := "start"
	bar := "start"
	for i := 0; i < 2; i++ {
		bar = previous
		previous = param
	}
	db.Query("SELECT * FROM users WHERE name = '" + bar + "'")
}
