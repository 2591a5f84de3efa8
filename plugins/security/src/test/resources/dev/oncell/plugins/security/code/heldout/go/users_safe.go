// oncell-bench: safe sql
package api

import (
	"database/sql"
	"fmt"
	"net/http"
)

type Server struct{ db *sql.DB }

func (s *Server) User(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	row := s.db.QueryRow("SELECT id FROM users WHERE name = $1", name)
	var id int
	_ = row.Scan(&id)
	fmt.Fprintf(w, "%d", id)
}
