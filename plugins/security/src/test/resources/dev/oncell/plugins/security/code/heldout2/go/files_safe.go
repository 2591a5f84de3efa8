// oncell-bench: safe path
package api

import (
	"net/http"
	"os"
	"path/filepath"
)

func Download(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	name := filepath.Base(filepath.Clean("/" + id))
	data, err := os.ReadFile(filepath.Join("/srv/files", name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Write(data)
}
