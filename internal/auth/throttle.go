package auth

import "time"

// Login throttling. One attempt is counted under three keys: the
// account together with the client address (the pair), the account
// alone and the address alone. The pair stops guessing one person's
// password from one place; the address stops one place trying many
// accounts; the account limit is slower and applies only to addresses
// that have already failed on that account, so nobody can lock an
// account for the people who have not been guessing at it.
const (
	LoginPairWindow     = 15 * time.Minute
	LoginPairLimit      = 5
	LoginAddressWindow  = 15 * time.Minute
	LoginAddressLimit   = 20
	LoginAccountWindow  = time.Hour
	LoginAccountLimit   = 30
	loginKeyPairPrefix  = "pair:"
	loginKeyAcctPrefix  = "account:"
	loginKeyAddrPrefix  = "address:"
	loginKeyPairDivider = "|"
)

// LoginKeys are the throttle keys of one login attempt.
type LoginKeys struct {
	Pair, Account, Address string
}

// LoginKeysFor builds the keys of an attempt on the account named
// username (compared by UsernameKey, as accounts are) from addr.
func LoginKeysFor(username, addr string) LoginKeys {
	acct := UsernameKey(username)
	return LoginKeys{
		Pair:    loginKeyPairPrefix + acct + loginKeyPairDivider + addr,
		Account: loginKeyAcctPrefix + acct,
		Address: loginKeyAddrPrefix + addr,
	}
}

// LoginCounts are the attempts already counted under each key within
// its window, including attempts still being checked.
type LoginCounts struct {
	Pair, Account, Address int
}

// LoginAllowed decides whether one more attempt may be checked.
func LoginAllowed(c LoginCounts) bool {
	if c.Pair >= LoginPairLimit || c.Address >= LoginAddressLimit {
		return false
	}
	// An address that has not failed on the account always gets its
	// try: the account limit never shuts out people who were not guessing.
	return c.Pair == 0 || c.Account < LoginAccountLimit
}
