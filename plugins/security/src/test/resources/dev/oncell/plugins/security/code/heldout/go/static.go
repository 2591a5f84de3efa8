// oncell-bench: vulnerable path
package api

import (
	"net/http"
	"path/filepath"
)

func Static(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Path[len("/static/"):]
	http.ServeFile(w, r, filepath.Join("/srv/static", name))
}
