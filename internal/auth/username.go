package auth

import (
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// UsernameKey is the form in which usernames are compared: Unicode
// NFKC, then case-folded, so "WC-EDITOR", "wc-editor" and the
// full-width "ｗｃ－ｅｄｉｔｏｒ" are one account. The store keeps it
// in a unique column beside the username as typed.
func UsernameKey(username string) string {
	// Folding can produce characters that NFKC composes again (and the
	// reverse), so normalise on both sides of it.
	return norm.NFKC.String(cases.Fold().String(norm.NFKC.String(username)))
}
