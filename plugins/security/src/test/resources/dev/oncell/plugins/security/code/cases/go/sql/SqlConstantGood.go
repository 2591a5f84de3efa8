// oncell-bench: safe sql
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

func sqlConstantGood(w http.ResponseWriter, r *http.Request) {
	bar := "alice"
	db.Query("SELECT * FROM users WHERE name = '" + bar + "'")
}
