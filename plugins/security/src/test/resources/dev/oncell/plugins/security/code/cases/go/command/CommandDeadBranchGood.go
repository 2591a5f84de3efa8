// oncell-bench: safe command
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

func commandDeadBranchGood(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	num := 86
	var bar string
	if (7*42)-num > 200 {
		bar = "safe"
	} else {
		bar = param
	}
	exec.Command("sh", "-c", "ping -c 1 "+bar).Run()
}
