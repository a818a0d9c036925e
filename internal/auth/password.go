package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters for new hashes: OWASP's memory-light choice
// (19 MiB, 2 passes, 1 lane), so a township's small server can take a
// burst of logins. Verification reads the parameters from the hash, so
// they can be raised later without invalidating stored passwords.
const (
	argonMemoryKiB = 19 * 1024
	argonTime      = 2
	argonThreads   = 1
	argonSaltLen   = 16
	argonKeyLen    = 32
)

// ErrMalformedHash means a stored hash is not in the PHC argon2id form.
var ErrMalformedHash = errors.New("auth: malformed password hash")

// MinPasswordLength is the shortest password accepted for staff.
const MinPasswordLength = 10

// PasswordRule is the policy in words, shown beside every form that
// sets a password, before anything is typed.
const PasswordRule = "至少 10 个字符；不能是常见密码（如 password123、1234567890），" +
	"不能包含用户名或所在单位名称，不能全部是同一个字符或一串连续的字母、数字。"

// CheckPasswordPolicy tells a person, in Chinese, why a new password is
// not acceptable; nil means it is. names are what the password must
// not contain: the account's username and the names of its bodies
// (compared case-insensitively after NFKC, as usernames are; names
// shorter than three characters are ignored, so a short name does not
// forbid half the dictionary).
func CheckPasswordPolicy(pw string, names ...string) error {
	n := utf8.RuneCountInString(pw)
	if n < MinPasswordLength {
		return fmt.Errorf("密码至少需要%d个字符", MinPasswordLength)
	}
	if n > 256 {
		return errors.New("密码不能超过256个字符")
	}
	if isCommonPassword(pw) {
		return errors.New("这是常见密码，很容易被猜中，请换一个")
	}
	if isRun(pw) {
		return errors.New("密码不能全部是同一个字符或一串连续的字母、数字")
	}
	key := UsernameKey(pw)
	for _, name := range names {
		if k := UsernameKey(strings.TrimSpace(name)); utf8.RuneCountInString(k) >= 3 && strings.Contains(key, k) {
			return fmt.Errorf("密码不能包含用户名或单位名称（“%s”）", strings.TrimSpace(name))
		}
	}
	return nil
}

// isRun reports whether pw is one character repeated, or a run of
// consecutive characters up or down ("abcdefghij", "9876543210").
func isRun(pw string) bool {
	rs := []rune(strings.ToLower(pw))
	same, up, down := true, true, true
	for i := 1; i < len(rs); i++ {
		d := rs[i] - rs[i-1]
		same = same && d == 0
		up = up && d == 1
		down = down && d == -1
	}
	return same || up || down
}

// HashPassword returns the argon2id hash of pw in PHC string format:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: password salt: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemoryKiB, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemoryKiB, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches the stored hash, comparing in
// constant time. A malformed hash is an error, not a mismatch, so a
// corrupted row is noticed rather than silently locking a user out.
func CheckPassword(hash, pw string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return false, ErrMalformedHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, fmt.Errorf("%w: version %q", ErrMalformedHash, parts[2])
	}
	var mem, iter uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &iter, &threads); err != nil || mem == 0 || iter == 0 || threads == 0 {
		return false, fmt.Errorf("%w: parameters %q", ErrMalformedHash, parts[3])
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, fmt.Errorf("%w: salt: %v", ErrMalformedHash, err)
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, fmt.Errorf("%w: key", ErrMalformedHash)
	}
	got := argon2.IDKey([]byte(pw), salt, iter, mem, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// otpAlphabet leaves out characters people confuse when reading a
// password off a screen or paper (0/O, 1/l/I).
const otpAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword returns a random one-time password of 16 characters
// (about 93 bits), for a first login or a reset.
func GeneratePassword() (string, error) {
	const n = 16
	buf := make([]byte, n)
	out := make([]byte, n)
	// Rejection sampling keeps every character equally likely.
	limit := byte(256 - 256%len(otpAlphabet))
	for i := 0; i < n; {
		if _, err := rand.Read(buf); err != nil {
			return "", fmt.Errorf("auth: random password: %w", err)
		}
		for _, b := range buf {
			if b < limit && i < n {
				out[i] = otpAlphabet[int(b)%len(otpAlphabet)]
				i++
			}
		}
	}
	return string(out), nil
}
