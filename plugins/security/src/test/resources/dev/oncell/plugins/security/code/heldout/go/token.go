// oncell-bench: vulnerable random
package auth

import (
	"fmt"
	"math/rand"
)

func NewSessionToken() string {
	return fmt.Sprintf("%016x%016x", rand.Uint64(), rand.Uint64())
}
