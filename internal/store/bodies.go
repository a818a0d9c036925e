package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
)

const bodyColumns = `id, parent_id, name, short_name, kind, code, slug,
	office, address, hours, phone, fax, email, postcode, identity, created`

func scanBody(row interface{ Scan(...any) error }) (body.Body, error) {
	var b body.Body
	var identity string
	c := &b.Contact
	err := row.Scan(&b.ID, scanID{&b.ParentID}, &b.Name, &b.ShortName, &b.Kind, &b.Code, &b.Slug,
		&c.Office, &c.Address, &c.Hours, &c.Phone, &c.Fax, &c.Email, &c.Postcode, &identity, timeScan{&b.Created})
	if err == nil && identity != "" {
		if jerr := json.Unmarshal([]byte(identity), &b.Identity); jerr != nil {
			err = fmt.Errorf("body %d identity: %w", b.ID, jerr)
		}
	}
	return b, err
}

// identityJSON is how a body's own identity is stored: "" when it has
// none, so the site's applies throughout.
func identityJSON(site body.Site) (string, error) {
	if site.Empty() {
		return "", nil
	}
	b, err := json.Marshal(site)
	return string(b), err
}

// Body returns one body.
func (s *Store) Body(ctx context.Context, id int64) (body.Body, error) {
	var b body.Body
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		b, err = scanBody(tx.QueryRowContext(ctx, "SELECT "+bodyColumns+" FROM bodies WHERE id = $1", id))
		return err
	})
	if err != nil {
		return body.Body{}, notFound(err, "body", id)
	}
	return b, nil
}

// BodyBySlug returns the body with the given slug.
func (s *Store) BodyBySlug(ctx context.Context, slug string) (body.Body, error) {
	var b body.Body
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		b, err = scanBody(tx.QueryRowContext(ctx, "SELECT "+bodyColumns+" FROM bodies WHERE slug = $1", slug))
		return err
	})
	if err != nil {
		return body.Body{}, notFound(err, "body", slug)
	}
	return b, nil
}

// Bodies returns every body in tree order: each body followed by its
// descendants, siblings in creation order.
func (s *Store) Bodies(ctx context.Context) ([]body.Body, error) {
	var all []body.Body
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT "+bodyColumns+" FROM bodies ORDER BY id")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			b, err := scanBody(rows)
			if err != nil {
				return err
			}
			all = append(all, b)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: bodies: %w", err)
	}
	return treeOrder(all), nil
}

// treeOrder sorts bodies depth-first. A body whose parent is missing is
// treated as a root rather than dropped.
func treeOrder(all []body.Body) []body.Body {
	exists := make(map[int64]bool, len(all))
	for _, b := range all {
		exists[b.ID] = true
	}
	children := map[int64][]body.Body{}
	for _, b := range all {
		p := b.ParentID
		if !exists[p] {
			p = 0
		}
		children[p] = append(children[p], b)
	}
	out := make([]body.Body, 0, len(all))
	var walk func(id int64)
	walk = func(id int64) {
		for _, c := range children[id] {
			out = append(out, c)
			walk(c.ID)
		}
	}
	walk(0)
	return out
}

// CreateBody stores a new body together with its fixed 政府信息公开
// column and the four statutory sub-columns. Callers validate the body
// first (body.Validate).
func (s *Store) CreateBody(ctx context.Context, b body.Body) (int64, error) {
	if b.Created.IsZero() {
		b.Created = s.now()
	}
	var id int64
	err := s.writePublic(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = s.insertBody(ctx, tx, b)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: create body %q: %w", b.Slug, classify(err))
	}
	return id, nil
}

// insertBody adds a body with its fixed columns.
func (s *Store) insertBody(ctx context.Context, tx *sql.Tx, b body.Body) (int64, error) {
	var id int64
	c := b.Contact
	identity, err := identityJSON(b.Identity)
	if err != nil {
		return 0, err
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO bodies (parent_id, name, short_name, kind, code, slug,
		office, address, hours, phone, fax, email, postcode, identity, created)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id`,
		nullID(b.ParentID), b.Name, b.ShortName, string(b.Kind), b.Code, b.Slug,
		c.Office, c.Address, c.Hours, c.Phone, c.Fax, c.Email, c.Postcode, identity, s.ts(b.Created)).Scan(&id)
	if err != nil {
		return 0, err
	}
	return id, createFixedColumns(ctx, tx, id)
}

// createFixedColumns adds the statutory column tree (国办公开办函〔2019〕61号).
// The root column's slug is "gkml" (公开目录), the common path on
// government sites.
func createFixedColumns(ctx context.Context, tx *sql.Tx, bodyID int64) error {
	root, err := insertColumn(ctx, tx, disclosure.Column{BodyID: bodyID, Slug: RootColumnSlug,
		Name: disclosure.RootColumnName, Fixed: true})
	if err != nil {
		return err
	}
	for i, sc := range disclosure.FixedSubColumns {
		_, err := insertColumn(ctx, tx, disclosure.Column{BodyID: bodyID, ParentID: root, Slug: sc.Slug,
			Name: sc.Name, Fixed: true, Position: i + 1})
		if err != nil {
			return err
		}
	}
	return nil
}

// RootColumnSlug is the slug of every body's 政府信息公开 column.
const RootColumnSlug = "gkml"

// UpdateBody changes a body's fields (not its id or creation time).
func (s *Store) UpdateBody(ctx context.Context, b body.Body) error {
	err := s.writePublic(ctx, func(tx *sql.Tx) error {
		if err := checkNoCycle(ctx, tx, b.ID, b.ParentID); err != nil {
			return err
		}
		c := b.Contact
		identity, err := identityJSON(b.Identity)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE bodies SET parent_id = $1, name = $2, short_name = $3, kind = $4,
			code = $5, slug = $6, office = $7, address = $8, hours = $9, phone = $10, fax = $11, email = $12,
			postcode = $13, identity = $14 WHERE id = $15`,
			nullID(b.ParentID), b.Name, b.ShortName, string(b.Kind), b.Code, b.Slug,
			c.Office, c.Address, c.Hours, c.Phone, c.Fax, c.Email, c.Postcode, identity, b.ID)
		if err != nil {
			return fmt.Errorf("store: update body %d: %w", b.ID, classify(err))
		}
		return mustAffect(res, "body", b.ID)
	})
	return err
}

// ErrCycle is returned (wrapped) when an update would put a body below
// itself.
var ErrCycle = errors.New("store: a body cannot be placed below itself")

// checkNoCycle refuses to make parentID the parent of id when parentID
// is id or one of its descendants.
func checkNoCycle(ctx context.Context, tx *sql.Tx, id, parentID int64) error {
	if parentID == 0 {
		return nil
	}
	var n int
	err := tx.QueryRowContext(ctx, `WITH RECURSIVE up(id, parent_id, depth) AS (
			SELECT id, parent_id, 0 FROM bodies WHERE id = $1
			UNION ALL
			SELECT b.id, b.parent_id, up.depth + 1 FROM bodies b JOIN up ON b.id = up.parent_id WHERE up.depth < 64
		) SELECT count(*) FROM up WHERE id = $2`, parentID, id).Scan(&n)
	if err != nil {
		return fmt.Errorf("store: check body tree: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("body %d under %d: %w", id, parentID, ErrCycle)
	}
	return nil
}

// Ancestors returns the ids from the root down to id's parent; empty for
// a root. A missing body is ErrNotFound.
func (s *Store) Ancestors(ctx context.Context, id int64) ([]int64, error) {
	var ids []int64
	err := s.read(ctx, func(tx *sql.Tx) error {
		var self int64
		if err := tx.QueryRowContext(ctx, "SELECT id FROM bodies WHERE id = $1", id).Scan(&self); err != nil {
			return notFound(err, "body", id)
		}
		// depth bounds the walk, so a cycle written by mistake cannot loop.
		rows, err := tx.QueryContext(ctx, `WITH RECURSIVE up(id, parent_id, depth) AS (
				SELECT id, parent_id, 0 FROM bodies WHERE id = $1
				UNION ALL
				SELECT b.id, b.parent_id, up.depth + 1 FROM bodies b JOIN up ON b.id = up.parent_id WHERE up.depth < 64
			) SELECT id FROM up WHERE depth > 0 ORDER BY depth DESC`, id)
		if err != nil {
			return fmt.Errorf("store: ancestors of %d: %w", id, err)
		}
		defer rows.Close()
		for rows.Next() {
			var a int64
			if err := rows.Scan(&a); err != nil {
				return err
			}
			ids = append(ids, a)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	if ids == nil {
		ids = []int64{}
	}
	return ids, nil
}
