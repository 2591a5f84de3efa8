// Package server serves the shop's HTTP API.
package server

import (
	"encoding/json"
	"net/http"
	"sync"
)

const (
	defaultAddr = ":8080"
	maxBody     = 1 << 20
)

// Store keeps orders in memory.
type Store struct {
	mu     sync.Mutex
	orders map[string]Order
}

// Order is one customer order.
type Order struct {
	ID    string `json:"id"`
	Total int64  `json:"total"`
}

// Handler answers one kind of request.
type Handler interface {
	ServeHTTP(w http.ResponseWriter, r *http.Request)
}

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{orders: make(map[string]Order)}
}

// Put stores an order, replacing any with the same ID.
func (s *Store) Put(o Order) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.orders[o.ID] = o
}

// Get returns an order by ID.
func (s *Store) Get(id string) (Order, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[id]
	return o, ok
}

func (o Order) String() string {
	return o.ID
}

// ServeOrders answers GET /orders/{id}.
func ServeOrders(s *Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		o, ok := s.Get(r.PathValue("id"))
		if !ok {
			http.NotFound(w, r)
			return
		}
		_ = json.NewEncoder(w).Encode(o)
	}
}
