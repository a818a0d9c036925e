package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"strings"
)

// TokenPrefix marks API token secrets so leaked ones are easy to find
// with secret scanners and easy to tell apart from passwords.
const TokenPrefix = "gk_"

// NewTokenSecret returns a fresh API token secret (shown once to the
// person creating it) and the hash to store.
func NewTokenSecret() (secret, hash string, err error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", "", fmt.Errorf("auth: token secret: %w", err)
	}
	secret = TokenPrefix + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(raw))
	return secret, HashToken(secret), nil
}

// HashToken is the stored form of a token secret: hex sha256. A plain
// hash is enough because the secret has 256 random bits; lookups by
// hash then need no per-row work.
func HashToken(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
