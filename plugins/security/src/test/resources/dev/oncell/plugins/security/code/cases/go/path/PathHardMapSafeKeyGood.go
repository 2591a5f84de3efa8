// oncell-bench: safe path
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

func pathHardMapSafeKeyGood(w http.ResponseWriter, r *http.Request) {
	param := r.URL.Query().Get("name")
	values := map[string]string{"a": "a-value", "b": param}
	bar := values["a"]
	os.ReadFile(filepath.Join("/var/data", bar))
}
