// oncell-bench: vulnerable sql
package api

import (
	"context"
	"database/sql"
	"net/http"
)

func Delete(ctx context.Context, db *sql.DB, r *http.Request) error {
	table := r.FormValue("table")
	_, err := db.ExecContext(ctx, "DELETE FROM "+table+" WHERE expired = true")
	return err
}
