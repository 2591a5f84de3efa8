// oncell-bench: vulnerable command
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

func commandHardBuilderBad(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	var sb strings.Builder
	sb.WriteString("x-")
	sb.WriteString(param)
	bar := sb.String()
	exec.Command("sh", "-c", "ping -c 1 "+bar).Run()
}
