// oncell-bench: vulnerable command
package api

import (
	"net/http"
	"os/exec"
)

func Clone(w http.ResponseWriter, r *http.Request) {
	repo := r.PostFormValue("repo")
	out, err := exec.Command("bash", "-c", "git clone "+repo+" /tmp/work").CombinedOutput()
	if err != nil {
		http.Error(w, string(out), 500)
	}
}
