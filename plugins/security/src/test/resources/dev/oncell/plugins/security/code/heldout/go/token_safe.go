// oncell-bench: safe random
package auth

import (
	"crypto/rand"
	"encoding/hex"
)

func NewSessionToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
