package auth

import (
	"strings"
	"testing"
)

func TestNewTokenSecret(t *testing.T) {
	secret, hash, err := NewTokenSecret()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, TokenPrefix) || len(secret) != len(TokenPrefix)+52 {
		t.Errorf("secret %q: want %s + 52 base32 characters", secret, TokenPrefix)
	}
	if hash != HashToken(secret) || len(hash) != 64 {
		t.Errorf("hash %q does not match HashToken(secret)", hash)
	}
	other, otherHash, _ := NewTokenSecret()
	if other == secret || otherHash == hash {
		t.Error("two secrets are equal")
	}
	// Known vector: sha256("abc").
	if got := HashToken("abc"); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("HashToken(abc) = %s", got)
	}
}
