// oncell-bench: vulnerable sql
package api

import (
	"database/sql"
	"fmt"
	"net/http"
)

type Server struct{ db *sql.DB }

func (s *Server) User(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	query := fmt.Sprintf("SELECT id FROM users WHERE name = '%s'", name)
	row := s.db.QueryRow(query)
	var id int
	_ = row.Scan(&id)
	fmt.Fprintf(w, "%d", id)
}
