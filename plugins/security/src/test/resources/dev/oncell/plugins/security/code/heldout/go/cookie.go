// oncell-bench: safe cookie
package auth

import "net/http"

func SetSession(w http.ResponseWriter, id string) {
	cookie := http.Cookie{
		Name:     "sid",
		Value:    id,
		Path:     "/",
		Secure:   true,
		HttpOnly: true,
		SameSite: http.SameSiteStrictMode,
	}
	http.SetCookie(w, &cookie)
}
