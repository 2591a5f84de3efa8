// oncell-bench: safe xss
package api

import (
	"html/template"
	"net/http"
)

var page = template.Must(template.New("p").Parse("<h1>Hi {{.}}</h1>"))

func Greet(w http.ResponseWriter, r *http.Request) {
	name := r.FormValue("name")
	page.Execute(w, name)
}
