// oncell-bench: vulnerable weak-cipher
package crypto

import "crypto/des"

func Encrypt(key, block []byte) []byte {
	c, err := des.NewTripleDESCipher(key)
	if err != nil {
		panic(err)
	}
	out := make([]byte, len(block))
	c.Encrypt(out, block)
	return out
}
