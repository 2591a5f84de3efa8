// oncell-bench: safe random
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

func randomJitterGood(w http.ResponseWriter, r *http.Request) {
	delay := rand.Intn(100)
	_ = delay
}
