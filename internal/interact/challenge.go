package interact

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// The public forms ask a small sum in Chinese words (“三加五等于几？”)
// and carry, in a hidden field, a token: its expiry, a nonce, and an
// HMAC-SHA256 over both and the right answer under a server secret.
// The answer itself is not in the page, and without the secret nobody
// can mint a token for an answer of their choice, so a form poster must
// read Chinese and do the sum. That is enough here because the goal is
// only to keep blind form-spamming robots off: anyone determined can
// still solve it, which is why the forms are also rate-limited per
// client address (the throttle table); together they bound the
// throughput of a solver without any third-party service or JavaScript.
// A token may be reused until it expires; the rate limit, not the
// token, bounds repeated use, so no server-side state is needed.

// ChallengeTTL is how long a challenge stays valid: long enough to write
// a considered question or comment.
const ChallengeTTL = 2 * time.Hour

// ErrChallenge is a wrong, expired or forged challenge answer.
var ErrChallenge = errors.New("interact: challenge failed")

// Challenge is a question to show and the token to send back with it.
type Challenge struct {
	Question string
	Token    string
}

var chineseDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// NewChallenge draws a sum or difference of two numbers from one to ten
// (the difference never negative) and signs its answer.
func NewChallenge(secret []byte, now time.Time, r *rand.Rand) Challenge {
	a, b := 1+r.IntN(10), 1+r.IntN(10)
	q, ans := chineseDigits[a]+"加"+chineseDigits[b]+"等于几？", a+b
	if r.IntN(2) == 0 {
		a, b = max(a, b), min(a, b)
		q, ans = chineseDigits[a]+"减"+chineseDigits[b]+"等于几？", a-b
	}
	nonce := strconv.FormatUint(r.Uint64(), 36)
	exp := strconv.FormatInt(now.Add(ChallengeTTL).Unix(), 10)
	return Challenge{Question: q, Token: exp + "." + nonce + "." + sign(secret, exp, nonce, strconv.Itoa(ans))}
}

// VerifyChallenge checks answer against token at now.
func VerifyChallenge(secret []byte, token, answer string, now time.Time) error {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return fmt.Errorf("%w: malformed token", ErrChallenge)
	}
	exp, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return fmt.Errorf("%w: malformed expiry", ErrChallenge)
	}
	if now.Unix() > exp {
		return fmt.Errorf("%w: expired", ErrChallenge)
	}
	n, ok := parseAnswer(answer)
	if !ok {
		return fmt.Errorf("%w: not a number", ErrChallenge)
	}
	want := sign(secret, parts[0], parts[1], strconv.Itoa(n))
	if !hmac.Equal([]byte(want), []byte(parts[2])) {
		return fmt.Errorf("%w: wrong answer", ErrChallenge)
	}
	return nil
}

func sign(secret []byte, exp, nonce, answer string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("gongkai-challenge\x00" + exp + "\x00" + nonce + "\x00" + answer))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// parseAnswer reads a small number written in ASCII or full-width
// digits (a Chinese input method often gives the latter) or as one
// Chinese numeral from 零 to 二十.
func parseAnswer(s string) (int, bool) {
	s = strings.TrimSpace(s)
	var b strings.Builder
	for _, r := range s {
		if r >= '０' && r <= '９' {
			r = '0' + (r - '０')
		}
		b.WriteRune(r)
	}
	if n, err := strconv.Atoi(b.String()); err == nil && n >= 0 && n <= 20 {
		return n, true
	}
	for i, d := range chineseDigits {
		switch s {
		case d:
			return i, true
		case "十" + d:
			if i > 0 && i < 10 {
				return 10 + i, true
			}
		}
	}
	if s == "二十" {
		return 20, true
	}
	return 0, false
}
