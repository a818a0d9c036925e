package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/gongkai/gongkai/internal/disclosure"
)

const columnColumns = "id, body_id, parent_id, slug, name, fixed, position, column_type, update_period, retired"

func scanColumn(row interface{ Scan(...any) error }) (disclosure.Column, error) {
	var c disclosure.Column
	var typ, period string
	err := row.Scan(&c.ID, &c.BodyID, scanID{&c.ParentID}, &c.Slug, &c.Name, &c.Fixed, &c.Position, &typ, &period, &c.Retired)
	if err != nil {
		return c, err
	}
	c.Type = disclosure.ColumnType(typ)
	if !c.Type.Valid() {
		c.Type = disclosure.ColumnOther
	}
	c.Period, _ = disclosure.ParsePeriod(period) // written only by ParsePeriod's inverse
	return c, nil
}

func insertColumn(ctx context.Context, tx *sql.Tx, c disclosure.Column) (int64, error) {
	var id int64
	if !c.Type.Valid() {
		c.Type = disclosure.ColumnOther
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO site_columns (body_id, parent_id, slug, name, fixed, position, column_type, update_period)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		c.BodyID, nullID(c.ParentID), c.Slug, c.Name, c.Fixed, c.Position, string(c.Type), c.Period.String()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create column %q: %w", c.Slug, classify(err))
	}
	return id, nil
}

// CreateColumn adds a (non-fixed) column under a body; the parent, if
// any, must belong to the same body.
func (s *Store) CreateColumn(ctx context.Context, c disclosure.Column) (int64, error) {
	var id int64
	err := s.writePublic(ctx, func(tx *sql.Tx) error {
		if c.ParentID != 0 {
			var owner int64
			err := tx.QueryRowContext(ctx, "SELECT body_id FROM site_columns WHERE id = $1", c.ParentID).Scan(&owner)
			if err != nil {
				return notFound(err, "column", c.ParentID)
			}
			if owner != c.BodyID {
				return fmt.Errorf("store: column %d belongs to body %d, not %d", c.ParentID, owner, c.BodyID)
			}
		}
		c.Fixed = false
		var err error
		id, err = insertColumn(ctx, tx, c)
		return err
	})
	return id, err
}

// Columns returns a body's columns, parents before children, siblings
// by position.
func (s *Store) Columns(ctx context.Context, bodyID int64) ([]disclosure.Column, error) {
	var cs []disclosure.Column
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT "+columnColumns+
			" FROM site_columns WHERE body_id = $1 ORDER BY parent_id IS NOT NULL, parent_id, position, id", bodyID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanColumn(rows)
			if err != nil {
				return err
			}
			cs = append(cs, c)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: columns of body %d: %w", bodyID, err)
	}
	return cs, nil
}

// ColumnBySlug returns one of a body's columns.
func (s *Store) ColumnBySlug(ctx context.Context, bodyID int64, slug string) (disclosure.Column, error) {
	var c disclosure.Column
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = scanColumn(tx.QueryRowContext(ctx, "SELECT "+columnColumns+
			" FROM site_columns WHERE body_id = $1 AND slug = $2", bodyID, slug))
		return err
	})
	if err != nil {
		return disclosure.Column{}, notFound(err, "column", fmt.Sprintf("%d/%s", bodyID, slug))
	}
	return c, nil
}
