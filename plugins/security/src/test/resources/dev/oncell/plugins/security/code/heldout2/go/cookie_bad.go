// oncell-bench: vulnerable cookie
package auth

import "net/http"

func Remember(w http.ResponseWriter, value string) {
	http.SetCookie(w, &http.Cookie{Name: "remember", Value: value, Path: "/", MaxAge: 86400})
}
