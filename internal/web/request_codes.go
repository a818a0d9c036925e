package web

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"math/big"
	"strings"
)

// codeAlphabet is what tracking codes and lookup secrets are drawn from:
// digits and capitals without the characters that look alike in print
// or on a phone call (0/O, 1/I/L), 31 symbols, about 4.95 bits each.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// randomCode returns n characters of codeAlphabet from crypto/rand,
// uniformly (rand.Int draws without modulo bias): 12 characters are 59
// bits, 20 are 99.
func randomCode(n int) string {
	b := make([]byte, n)
	max := big.NewInt(int64(len(codeAlphabet)))
	for i := range b {
		k, _ := rand.Int(rand.Reader, max) // crypto/rand never fails (Go 1.24+)
		b[i] = codeAlphabet[k.Int64()]
	}
	return string(b)
}

func newTrackingCode() string  { return randomCode(12) }
func newRequestSecret() string { return randomCode(20) }

// groupCode writes a code or secret in groups of four for reading and
// copying, 7KQ4-M9XT-ABCD; it is stored and compared without the dashes.
func groupCode(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// normalizeCode accepts a code (or secret) typed with spaces, dashes or
// lower case, as grouped on the receipt or not: codes drawn before the
// grouping (base32, no dashes) read the same.
func normalizeCode(s string) string {
	return strings.ToUpper(strings.NewReplacer(" ", "", "-", "", "　", "", "－", "").Replace(strings.TrimSpace(s)))
}

// hashSecret is what the store keeps of a lookup secret. The secret has
// about 99 random bits, so a fast hash suffices: there is nothing to
// guess. Dashes and spaces are not part of it.
func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(normalizeCode(secret)))
	return hex.EncodeToString(sum[:])
}

// HashRequestSecret is hashSecret for seeding tools (the demo), which
// store requests with a known secret.
func HashRequestSecret(secret string) string { return hashSecret(secret) }

// secretMatches compares in constant time, so response timing does not
// reveal how much of a guess was right.
func secretMatches(stored, secret string) bool {
	return subtle.ConstantTimeCompare([]byte(stored), []byte(hashSecret(secret))) == 1
}
