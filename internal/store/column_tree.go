package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// Column returns one column by id.
func (s *Store) Column(ctx context.Context, id int64) (disclosure.Column, error) {
	var c disclosure.Column
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = columnTx(ctx, tx, id)
		return err
	})
	if err != nil {
		return disclosure.Column{}, notFound(err, "column", id)
	}
	return c, nil
}

func columnTx(ctx context.Context, tx *sql.Tx, id int64) (disclosure.Column, error) {
	return scanColumn(tx.QueryRowContext(ctx, "SELECT "+columnColumns+" FROM site_columns WHERE id = $1", id))
}

// AddColumn creates one of a body's own columns at the end of its
// siblings: top-level, under 法定主动公开内容, or under another own
// column. An empty slug gets a generated one.
func (s *Store) AddColumn(ctx context.Context, c disclosure.Column) (int64, error) {
	var id int64
	err := s.writePublic(ctx, func(tx *sql.Tx) error {
		var parent *disclosure.Column
		if c.ParentID != 0 {
			p, err := columnTx(ctx, tx, c.ParentID)
			if err != nil {
				return notFound(err, "column", c.ParentID)
			}
			if p.BodyID != c.BodyID {
				return fmt.Errorf("store: column %d belongs to body %d, not %d: %w", p.ID, p.BodyID, c.BodyID, ErrNotFound)
			}
			parent = &p
		}
		if !disclosure.CanHoldOwnColumns(parent) {
			return fmt.Errorf("store: column %d cannot hold own columns: %w", c.ParentID, disclosure.ErrFixedColumn)
		}
		err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), -1) + 1 FROM site_columns
			WHERE body_id = $1 AND `+parentIs(c.ParentID), c.BodyID).Scan(&c.Position)
		if err != nil {
			return err
		}
		if c.Slug == "" {
			var n int64
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM site_columns WHERE body_id = $1", c.BodyID).Scan(&n); err != nil {
				return err
			}
			// Skip slugs an administrator already chose by hand.
			for taken := true; taken; {
				n++
				c.Slug = fmt.Sprintf("col-%d", n)
				if err := tx.QueryRowContext(ctx, "SELECT count(*) > 0 FROM site_columns WHERE body_id = $1 AND slug = $2",
					c.BodyID, c.Slug).Scan(&taken); err != nil {
					return err
				}
			}
		}
		c.Fixed, c.Retired = false, false
		id, err = insertColumn(ctx, tx, c)
		return err
	})
	return id, err
}

// parentIs is the sibling condition; ids are integers, never user text.
func parentIs(parentID int64) string {
	if parentID == 0 {
		return "parent_id IS NULL"
	}
	return fmt.Sprintf("parent_id = %d", parentID)
}

// UpdateColumn saves a column's name, type and update period. A fixed
// column keeps its name; its type and period may be set.
func (s *Store) UpdateColumn(ctx context.Context, c disclosure.Column) error {
	return s.writePublic(ctx, func(tx *sql.Tx) error {
		old, err := columnTx(ctx, tx, c.ID)
		if err != nil {
			return notFound(err, "column", c.ID)
		}
		if old.Fixed && c.Name != old.Name {
			return fmt.Errorf("store: rename column %d: %w", c.ID, disclosure.ErrFixedColumn)
		}
		if !c.Type.Valid() {
			c.Type = disclosure.ColumnOther
		}
		_, err = tx.ExecContext(ctx, `UPDATE site_columns SET name = $1, column_type = $2, update_period = $3 WHERE id = $4`,
			c.Name, string(c.Type), c.Period.String(), c.ID)
		return classify(err)
	})
}

// MoveColumn swaps a body's own column with its previous (up) or next
// sibling; at either end nothing changes. Siblings are renumbered first
// so positions are dense.
func (s *Store) MoveColumn(ctx context.Context, id int64, up bool) error {
	return s.writePublic(ctx, func(tx *sql.Tx) error {
		c, err := columnTx(ctx, tx, id)
		if err != nil {
			return notFound(err, "column", id)
		}
		if c.Fixed {
			return fmt.Errorf("store: move column %d: %w", id, disclosure.ErrFixedColumn)
		}
		rows, err := tx.QueryContext(ctx, `SELECT id FROM site_columns WHERE body_id = $1 AND `+parentIs(c.ParentID)+
			` ORDER BY position, id`, c.BodyID)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var x int64
			if err := rows.Scan(&x); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, x)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i, x := range ids {
			if x != id {
				continue
			}
			j := i + 1
			if up {
				j = i - 1
			}
			// Fixed siblings (the four statutory sub-columns) keep their places.
			if j >= 0 && j < len(ids) {
				other, err := columnTx(ctx, tx, ids[j])
				if err != nil {
					return err
				}
				if !other.Fixed {
					ids[i], ids[j] = ids[j], ids[i]
				}
			}
			break
		}
		for pos, x := range ids {
			if _, err := tx.ExecContext(ctx, "UPDATE site_columns SET position = $1 WHERE id = $2", pos, x); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetColumnRetired retires a body's own column, or brings it back. A
// retired column keeps its documents (they stay reachable at their
// addresses) but leaves menus and forms: columns are never deleted.
func (s *Store) SetColumnRetired(ctx context.Context, id int64, retired bool) error {
	return s.writePublic(ctx, func(tx *sql.Tx) error {
		c, err := columnTx(ctx, tx, id)
		if err != nil {
			return notFound(err, "column", id)
		}
		if c.Fixed {
			return fmt.Errorf("store: retire column %d: %w", id, disclosure.ErrFixedColumn)
		}
		_, err = tx.ExecContext(ctx, "UPDATE site_columns SET retired = $1 WHERE id = $2", retired, id)
		return err
	})
}

// ColumnStat is what the website checks need from a column's documents.
type ColumnStat struct {
	Published int       // published documents
	Last      time.Time // latest publication; zero when none
}

// ColumnStats returns the published-document count and latest
// publication of each of a body's columns that has any.
func (s *Store) ColumnStats(ctx context.Context, bodyID int64) (map[int64]ColumnStat, error) {
	out := map[int64]ColumnStat{}
	err := s.read(ctx, func(tx *sql.Tx) error {
		return columnStatsTx(ctx, tx, "body_id = $1", []any{bodyID}, out)
	})
	if err != nil {
		return nil, fmt.Errorf("store: column stats of body %d: %w", bodyID, err)
	}
	return out, nil
}

// columnStatsTx adds to out the figures of the columns whose documents
// match where.
func columnStatsTx(ctx context.Context, tx *sql.Tx, where string, args []any, out map[int64]ColumnStat) error {
	rows, err := tx.QueryContext(ctx, `SELECT column_id, count(*), max(published) FROM documents
		WHERE `+where+` AND state = 'published' GROUP BY column_id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var st ColumnStat
		var last *time.Time
		if err := rows.Scan(&id, &st.Published, maxTimeScan{&last}); err != nil {
			return err
		}
		if last != nil {
			st.Last = *last
		}
		out[id] = st
	}
	return rows.Err()
}
