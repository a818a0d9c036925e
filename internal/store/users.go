package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/gongkai/gongkai/internal/auth"
)

const userColumns = "id, username, display_name, password_hash, disabled, must_change_password, session_epoch, created"

func scanUser(row interface{ Scan(...any) error }) (auth.User, error) {
	var u auth.User
	err := row.Scan(&u.ID, &u.Username, &u.DisplayName, &u.PasswordHash, &u.Disabled, &u.MustChangePassword, &u.SessionEpoch, timeScan{&u.Created})
	return u, err
}

// User returns one staff account.
func (s *Store) User(ctx context.Context, id int64) (auth.User, error) {
	var u auth.User
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE id = $1", id))
		return err
	})
	if err != nil {
		return auth.User{}, notFound(err, "user", id)
	}
	return u, nil
}

// UserByName returns the account with the given username, compared as
// auth.UsernameKey compares them.
func (s *Store) UserByName(ctx context.Context, username string) (auth.User, error) {
	var u auth.User
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE username_key = $1", auth.UsernameKey(username)))
		return err
	})
	if err != nil {
		return auth.User{}, notFound(err, "user", username)
	}
	return u, nil
}

// Users returns every account by username.
func (s *Store) Users(ctx context.Context) ([]auth.User, error) {
	var us []auth.User
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT "+userColumns+" FROM users ORDER BY username")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			u, err := scanUser(rows)
			if err != nil {
				return err
			}
			us = append(us, u)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	return us, nil
}

// CreateUser stores an account and its grants together.
func (s *Store) CreateUser(ctx context.Context, u auth.User, grants []auth.Grant) (int64, error) {
	if u.Created.IsZero() {
		u.Created = s.now()
	}
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO users (username, username_key, display_name, password_hash, disabled, must_change_password, created)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			u.Username, auth.UsernameKey(u.Username), u.DisplayName, u.PasswordHash, u.Disabled, u.MustChangePassword, s.ts(u.Created)).Scan(&id)
		if err != nil {
			return err
		}
		for _, g := range grants {
			g.UserID = id
			if _, err := insertGrant(ctx, tx, g); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: create user %q: %w", u.Username, classify(err))
	}
	return id, nil
}

// SetPassword replaces an account's password hash. mustChange says
// whether the new password is a one-time password its holder has to
// replace; both are written together, so the flag never describes
// another password than the stored one. A new password ends what the
// old one opened: the session epoch moves on (every session started
// before is refused, see web) and every API token still live is
// revoked; those are returned, so the holder can be told which.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string, mustChange bool) (revoked []auth.Token, err error) {
	err = s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, must_change_password = $2,
			session_epoch = session_epoch + 1 WHERE id = $3`, hash, mustChange, userID)
		if err != nil {
			return fmt.Errorf("store: set password of user %d: %w", userID, err)
		}
		if err := mustAffect(res, "user", userID); err != nil {
			return err
		}
		if revoked, err = queryTokens(ctx, tx, "SELECT "+tokenColumns+" FROM api_tokens WHERE user_id = $1 AND revoked = $2 ORDER BY id",
			userID, false); err != nil {
			return err
		}
		for i := range revoked {
			revoked[i].Revoked = true
		}
		_, err = tx.ExecContext(ctx, "UPDATE api_tokens SET revoked = $1 WHERE user_id = $2 AND revoked = $3", true, userID, false)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: set password of user %d: %w", userID, err)
	}
	return revoked, nil
}

// SetDisabled disables or re-enables an account. Accounts are never
// deleted, so the audit log and records keep naming real people.
func (s *Store) SetDisabled(ctx context.Context, userID int64, disabled bool) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE users SET disabled = $1 WHERE id = $2", disabled, userID)
		if err != nil {
			return fmt.Errorf("store: disable user %d: %w", userID, err)
		}
		return mustAffect(res, "user", userID)
	})
}

func insertGrant(ctx context.Context, tx *sql.Tx, g auth.Grant) (int64, error) {
	if g.Role == auth.RoleSysAdmin {
		g.BodyID, g.Subtree = 0, false
	} else if g.BodyID == 0 {
		return 0, fmt.Errorf("store: grant of role %s needs a body", g.Role)
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO grants (user_id, role, body_id, subtree) VALUES ($1, $2, $3, $4) RETURNING id`,
		g.UserID, string(g.Role), nullID(g.BodyID), g.Subtree).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: grant %s to user %d: %w", g.Role, g.UserID, err)
	}
	return id, nil
}

// Grants returns an account's grants.
func (s *Store) Grants(ctx context.Context, userID int64) ([]auth.Grant, error) {
	var gs []auth.Grant
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT id, user_id, role, body_id, subtree FROM grants WHERE user_id = $1 ORDER BY id", userID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var g auth.Grant
			if err := rows.Scan(&g.ID, &g.UserID, &g.Role, scanID{&g.BodyID}, &g.Subtree); err != nil {
				return err
			}
			gs = append(gs, g)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: grants of user %d: %w", userID, err)
	}
	return gs, nil
}

// AddGrant gives an existing account one more role.
func (s *Store) AddGrant(ctx context.Context, g auth.Grant) (int64, error) {
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = insertGrant(ctx, tx, g)
		return err
	})
	return id, err
}

// RemoveGrant takes a role away.
func (s *Store) RemoveGrant(ctx context.Context, grantID int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM grants WHERE id = $1", grantID)
		if err != nil {
			return fmt.Errorf("store: remove grant %d: %w", grantID, err)
		}
		return mustAffect(res, "grant", grantID)
	})
}
