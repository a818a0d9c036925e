package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestUsernamesUniqueAfterFolding: accounts differing only in case or
// character width are one account, on both databases.
func TestUsernamesUniqueAfterFolding(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			s := openTarget(t, tg, &clock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)})
			id, err := s.CreateUser(ctx, auth.User{Username: "wc-editor", PasswordHash: "h"}, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, clash := range []string{"WC-EDITOR", "Wc-Editor", "ｗｃ－ｅｄｉｔｏｒ"} {
				if _, err := s.CreateUser(ctx, auth.User{Username: clash, PasswordHash: "h"}, nil); !errors.Is(err, store.ErrConflict) {
					t.Errorf("CreateUser(%q) beside wc-editor: err = %v, want ErrConflict", clash, err)
				}
				if u, err := s.UserByName(ctx, clash); err != nil || u.ID != id || u.Username != "wc-editor" {
					t.Errorf("UserByName(%q) = %+v, %v; want wc-editor", clash, u, err)
				}
			}
		})
	}
}

// TestSetPasswordEndsSessionsAndTokens: a new password moves the session
// epoch on and revokes every live token, returning them (item 7).
func TestSetPasswordEndsSessionsAndTokens(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			s := openTarget(t, tg, &clock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)})
			uid, err := s.CreateUser(ctx, auth.User{Username: "pw-holder", PasswordHash: "h"}, nil)
			if err != nil {
				t.Fatal(err)
			}
			other, _ := s.CreateUser(ctx, auth.User{Username: "pw-other", PasswordHash: "h"}, nil)
			var ids []int64
			for i, name := range []string{"同步", "报表", "已吊销"} {
				id, err := s.CreateToken(ctx, auth.Token{UserID: uid, Name: name, Hash: fmt.Sprintf("hash-%d", i)})
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, id)
			}
			otherTok, _ := s.CreateToken(ctx, auth.Token{UserID: other, Name: "别人的", Hash: "hash-other"})
			if err := s.RevokeToken(ctx, ids[2]); err != nil {
				t.Fatal(err)
			}
			revoked, err := s.SetPassword(ctx, uid, "h2", false)
			if err != nil {
				t.Fatal(err)
			}
			if len(revoked) != 2 || revoked[0].Name != "同步" || revoked[1].Name != "报表" {
				t.Errorf("revoked = %+v, want the two live tokens", revoked)
			}
			toks, _ := s.Tokens(ctx, uid)
			for _, tk := range toks {
				if !tk.Revoked {
					t.Errorf("token %q still live after the password change", tk.Name)
				}
			}
			if tk, _ := s.TokenByHash(ctx, "hash-other"); tk.ID != otherTok || tk.Revoked {
				t.Errorf("another account's token was touched: %+v", tk)
			}
			if u, _ := s.User(ctx, uid); u.SessionEpoch != 1 {
				t.Errorf("session epoch %d after one change, want 1", u.SessionEpoch)
			}
			if u, _ := s.User(ctx, other); u.SessionEpoch != 0 {
				t.Errorf("other account's epoch moved: %d", u.SessionEpoch)
			}
		})
	}
}

// TestReserveLoginAttemptUnderConcurrency: 40 attempts at once on one
// account from one address are counted before any is checked, so no
// more than the pair limit get through, on both databases (item 5); and
// a fresh address is not shut out by failures from others (item 6).
func TestReserveLoginAttemptUnderConcurrency(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
			s := openTarget(t, tg, &clock{t: now})
			keys := auth.LoginKeysFor("Admin", "192.0.2.1")
			var mu sync.Mutex
			allowed := 0
			var wg sync.WaitGroup
			for range 40 {
				wg.Go(func() {
					_, ok, err := s.ReserveLoginAttempt(ctx, keys, now)
					if err != nil {
						t.Error(err)
						return
					}
					if ok {
						mu.Lock()
						allowed++
						mu.Unlock()
					}
				})
			}
			wg.Wait()
			if allowed != auth.LoginPairLimit {
				t.Fatalf("%d of 40 concurrent attempts allowed, want %d", allowed, auth.LoginPairLimit)
			}
			// Many addresses failing on the account reach the account limit…
			for i := range auth.LoginAccountLimit {
				if _, ok, err := s.ReserveLoginAttempt(ctx, auth.LoginKeysFor("admin", fmt.Sprintf("198.51.100.%d", i)), now); err != nil || !ok {
					t.Fatalf("attempt from address %d refused: %v", i, err)
				}
			}
			// …which stops addresses that have failed on it,
			if _, ok, _ := s.ReserveLoginAttempt(ctx, auth.LoginKeysFor("admin", "198.51.100.0"), now); ok {
				t.Error("an address that failed was let through past the account limit")
			}
			// but never one that has not.
			fresh := auth.LoginKeysFor("ADMIN", "203.0.113.50")
			attempt, ok, err := s.ReserveLoginAttempt(ctx, fresh, now)
			if err != nil || !ok {
				t.Fatalf("a fresh address was locked out of the account: %v", err)
			}
			// A success gives its reservation back and clears its pair.
			if err := s.ReleaseLoginAttempt(ctx, attempt, fresh); err != nil {
				t.Fatal(err)
			}
			if n, _ := s.ThrottleEvents(ctx, fresh.Pair, now.Add(-time.Hour)); n != 0 {
				t.Errorf("pair still has %d rows after a success", n)
			}
			// The window passes.
			if _, ok, _ := s.ReserveLoginAttempt(ctx, keys, now.Add(auth.LoginPairWindow+time.Second)); !ok {
				t.Error("pair still refused after its window")
			}
		})
	}
}

// TestInTx: store calls under InTx's context commit together or not at
// all, and a call that fails inside (a unique clash its caller handles)
// undoes only itself, on PostgreSQL too (item 13).
func TestInTx(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			s := openTarget(t, tg, &clock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)})
			if _, err := s.CreateUser(ctx, auth.User{Username: "tx-taken", PasswordHash: "h"}, nil); err != nil {
				t.Fatal(err)
			}
			boom := errors.New("boom")
			err := s.InTx(ctx, func(ctx context.Context) error {
				if _, err := s.CreateUser(ctx, auth.User{Username: "tx-rolled-back", PasswordHash: "h"}, nil); err != nil {
					return err
				}
				if _, err := s.UserByName(ctx, "tx-rolled-back"); err != nil {
					t.Errorf("a read inside does not see the write before it: %v", err)
				}
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("InTx = %v, want boom", err)
			}
			if _, err := s.UserByName(ctx, "tx-rolled-back"); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("the write of a failed InTx was committed: %v", err)
			}
			err = s.InTx(ctx, func(ctx context.Context) error {
				if _, err := s.CreateUser(ctx, auth.User{Username: "TX-TAKEN", PasswordHash: "h"}, nil); !errors.Is(err, store.ErrConflict) {
					t.Errorf("clash inside InTx: %v", err)
				}
				_, err := s.CreateUser(ctx, auth.User{Username: "tx-second-try", PasswordHash: "h"}, nil)
				return err
			})
			if err != nil {
				t.Fatalf("InTx after a handled clash: %v", err)
			}
			if _, err := s.UserByName(ctx, "tx-second-try"); err != nil {
				t.Errorf("the retry inside InTx was not committed: %v", err)
			}
		})
	}
}
