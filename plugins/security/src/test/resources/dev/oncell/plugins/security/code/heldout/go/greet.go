// oncell-bench: vulnerable xss
package api

import (
	"io"
	"net/http"
)

func Greet(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("name")
	w.Header().Set("Content-Type", "text/html")
	io.WriteString(w, "<h1>Hi "+name+"</h1>")
}
