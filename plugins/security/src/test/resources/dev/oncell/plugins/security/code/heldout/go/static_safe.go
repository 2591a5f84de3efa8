// oncell-bench: safe path
package api

import (
	"net/http"
	"path/filepath"
	"strings"
)

func Static(w http.ResponseWriter, r *http.Request) {
	name := filepath.Base(r.URL.Query().Get("file"))
	if strings.Contains(name, "..") {
		http.Error(w, "bad name", 400)
		return
	}
	http.ServeFile(w, r, filepath.Join("/srv/static", name))
}
