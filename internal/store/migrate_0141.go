package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/gongkai/gongkai/internal/auth"
)

// goSteps are migration steps SQL cannot express, run in the migration's
// transaction right after its .sql file, on both databases.
var goSteps = map[int]func(ctx context.Context, tx *sql.Tx) error{
	141: fillUsernameKeys,
	200: fillRequestCounts,
}

// fillUsernameKeys sets every account's username_key and adds the
// unique index on it. Accounts whose usernames fold to one key are not
// merged or renamed behind anyone's back: the migration fails and names
// them, and the operator decides which to rename.
func fillUsernameKeys(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "SELECT id, username FROM users ORDER BY id")
	if err != nil {
		return err
	}
	type account struct {
		id   int64
		name string
	}
	byKey := map[string][]account{}
	var keys []string
	for rows.Next() {
		var a account
		if err := rows.Scan(&a.id, &a.name); err != nil {
			rows.Close()
			return err
		}
		k := auth.UsernameKey(a.name)
		if byKey[k] == nil {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], a)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	var clashes []string
	for _, k := range keys {
		if as := byKey[k]; len(as) > 1 {
			names := make([]string, len(as))
			for i, a := range as {
				names[i] = fmt.Sprintf("%q (id %d)", a.name, a.id)
			}
			clashes = append(clashes, strings.Join(names, " = "))
		}
	}
	if len(clashes) > 0 {
		slices.Sort(clashes)
		return fmt.Errorf("usernames that differ only in case or character width cannot stay apart: %s; "+
			"rename all but one of each group (UPDATE users SET username = '…' WHERE id = …) and start again / "+
			"以下账号的用户名仅大小写或全角半角不同，请先将每组中其余账号改名后再升级：%s",
			strings.Join(clashes, "; "), strings.Join(clashes, "；"))
	}
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, "UPDATE users SET username_key = $1 WHERE id = $2", k, byKey[k][0].id); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, "CREATE UNIQUE INDEX users_username_folded ON users(username_key)")
	return err
}
