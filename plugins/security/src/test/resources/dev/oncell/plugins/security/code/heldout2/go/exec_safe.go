// oncell-bench: safe command
package api

import (
	"net/http"
	"os/exec"
)

func Status(w http.ResponseWriter, r *http.Request) {
	out, _ := exec.Command("systemctl", "status", "app").Output()
	w.Write(out)
}
