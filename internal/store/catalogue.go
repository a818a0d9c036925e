package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/gongkai/gongkai/internal/catalogue"
)

const catalogueColumns = "id, body_id, domain, level1, level2, content, basis, timing, subject, channels, audience, mode, tier, position"

func scanCatalogueItem(row interface{ Scan(...any) error }) (catalogue.Item, error) {
	var it catalogue.Item
	var channels, tier string
	err := row.Scan(&it.ID, &it.BodyID, &it.Domain, &it.Level1, &it.Level2, &it.Content, &it.Basis, &it.Timing,
		&it.Subject, &channels, &it.Audience, &it.Mode, &tier, &it.Position)
	it.Channels = catalogue.SplitList(channels)
	it.Tier = catalogue.SplitList(tier)
	return it, err
}

// CatalogueItems returns a body's 标准目录 lines in catalogue order.
func (s *Store) CatalogueItems(ctx context.Context, bodyID int64) ([]catalogue.Item, error) {
	var items []catalogue.Item
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		items, err = catalogueItemsTx(ctx, tx, bodyID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: catalogue of body %d: %w", bodyID, err)
	}
	return items, nil
}

func catalogueItemsTx(ctx context.Context, tx *sql.Tx, bodyID int64) ([]catalogue.Item, error) {
	rows, err := tx.QueryContext(ctx, "SELECT "+catalogueColumns+" FROM catalogue_items WHERE body_id = $1 ORDER BY position, id", bodyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []catalogue.Item
	for rows.Next() {
		it, err := scanCatalogueItem(rows)
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

// CatalogueItem returns one line.
func (s *Store) CatalogueItem(ctx context.Context, id int64) (catalogue.Item, error) {
	var it catalogue.Item
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		it, err = scanCatalogueItem(tx.QueryRowContext(ctx, "SELECT "+catalogueColumns+" FROM catalogue_items WHERE id = $1", id))
		return err
	})
	if err != nil {
		return catalogue.Item{}, notFound(err, "catalogue item", id)
	}
	return it, nil
}

// SaveCatalogueItem creates a line (ID 0, placed last) or updates one of
// the body's lines. A second line with the same 领域, 一级事项 and
// 二级事项 is ErrConflict.
func (s *Store) SaveCatalogueItem(ctx context.Context, it catalogue.Item) (int64, error) {
	it = catalogue.Normalize(it)
	err := s.writePublic(ctx, func(tx *sql.Tx) error {
		if it.ID == 0 {
			err := tx.QueryRowContext(ctx, "SELECT coalesce(max(position), -1) + 1 FROM catalogue_items WHERE body_id = $1",
				it.BodyID).Scan(&it.Position)
			if err != nil {
				return err
			}
			it.ID, err = insertCatalogueItem(ctx, tx, it)
			return err
		}
		return updateCatalogueItem(ctx, tx, it)
	})
	if err != nil {
		return 0, fmt.Errorf("store: save catalogue item: %w", err)
	}
	return it.ID, nil
}

func insertCatalogueItem(ctx context.Context, tx *sql.Tx, it catalogue.Item) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO catalogue_items
		(body_id, domain, level1, level2, content, basis, timing, subject, channels, audience, mode, tier, position)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
		it.BodyID, it.Domain, it.Level1, it.Level2, it.Content, it.Basis, it.Timing, it.Subject,
		catalogue.JoinList(it.Channels), it.Audience, it.Mode, catalogue.JoinList(it.Tier), it.Position).Scan(&id)
	return id, classify(err)
}

func updateCatalogueItem(ctx context.Context, tx *sql.Tx, it catalogue.Item) error {
	res, err := tx.ExecContext(ctx, `UPDATE catalogue_items SET domain = $1, level1 = $2, level2 = $3, content = $4,
		basis = $5, timing = $6, subject = $7, channels = $8, audience = $9, mode = $10, tier = $11, position = $12
		WHERE id = $13 AND body_id = $14`,
		it.Domain, it.Level1, it.Level2, it.Content, it.Basis, it.Timing, it.Subject,
		catalogue.JoinList(it.Channels), it.Audience, it.Mode, catalogue.JoinList(it.Tier), it.Position, it.ID, it.BodyID)
	if err != nil {
		return classify(err)
	}
	return mustAffect(res, "catalogue item", it.ID)
}

// ErrItemInUse is returned (wrapped) when a line to be removed still has
// documents attached.
var ErrItemInUse = fmt.Errorf("store: catalogue item has documents: %w", ErrConflict)

// ItemInUseError is an import that would remove a line documents still
// refer to; Item names it "领域 / 一级 / 二级". It is ErrItemInUse.
type ItemInUseError struct{ Item string }

func (e *ItemInUseError) Error() string { return e.Item + ": " + ErrItemInUse.Error() }

func (e *ItemInUseError) Unwrap() error { return ErrItemInUse }

// DeleteCatalogueItem removes a line that no document is attached to.
func (s *Store) DeleteCatalogueItem(ctx context.Context, id int64) error {
	return s.writePublic(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM documents WHERE catalogue_item_id = $1", id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("catalogue item %d: %w", id, ErrItemInUse)
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM catalogue_items WHERE id = $1", id)
		if err != nil {
			return err
		}
		return mustAffect(res, "catalogue item", id)
	})
}

// ImportCatalogue makes the body's catalogue exactly items, in their
// order, in one transaction: lines are matched by 领域, 一级事项 and
// 二级事项, so existing lines keep their ids and attached documents;
// lines absent from items are removed, unless documents are attached to
// them, which fails the whole import with ErrItemInUse naming the line.
func (s *Store) ImportCatalogue(ctx context.Context, bodyID int64, items []catalogue.Item) error {
	return s.writePublic(ctx, func(tx *sql.Tx) error {
		old, err := catalogueItemsTx(ctx, tx, bodyID)
		if err != nil {
			return err
		}
		byKey := map[string]catalogue.Item{}
		for _, it := range old {
			byKey[it.Key()] = it
		}
		keep := map[int64]bool{}
		for pos, it := range items {
			it = catalogue.Normalize(it)
			it.BodyID, it.Position = bodyID, pos
			if prev, ok := byKey[it.Key()]; ok {
				it.ID = prev.ID
				keep[it.ID] = true
				if err := updateCatalogueItem(ctx, tx, it); err != nil {
					return fmt.Errorf("line %d: %w", pos+1, err)
				}
				continue
			}
			if _, err := insertCatalogueItem(ctx, tx, it); err != nil {
				return fmt.Errorf("line %d: %w", pos+1, err)
			}
		}
		for _, it := range old {
			if keep[it.ID] {
				continue
			}
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM documents WHERE catalogue_item_id = $1", it.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return &ItemInUseError{Item: it.Domain + " / " + it.Level1 + " / " + it.Level2}
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM catalogue_items WHERE id = $1", it.ID); err != nil {
				return err
			}
		}
		return nil
	})
}

// DocumentCatalogueItem returns the line a document is attached to, 0
// for none.
func (s *Store) DocumentCatalogueItem(ctx context.Context, docID int64) (int64, error) {
	var id int64
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT catalogue_item_id FROM documents WHERE id = $1", docID).Scan(scanID{&id})
	})
	if err != nil {
		return 0, notFound(err, "document", docID)
	}
	return id, nil
}

// SetDocumentCatalogueItem attaches a document to a line of its body's
// catalogue, or detaches it (itemID 0).
func (s *Store) SetDocumentCatalogueItem(ctx context.Context, docID, itemID int64) error {
	return s.writePublic(ctx, func(tx *sql.Tx) error {
		var bodyID int64
		if err := tx.QueryRowContext(ctx, "SELECT body_id FROM documents WHERE id = $1", docID).Scan(&bodyID); err != nil {
			return notFound(err, "document", docID)
		}
		if itemID != 0 {
			var owner int64
			if err := tx.QueryRowContext(ctx, "SELECT body_id FROM catalogue_items WHERE id = $1", itemID).Scan(&owner); err != nil {
				return notFound(err, "catalogue item", itemID)
			}
			if owner != bodyID {
				return fmt.Errorf("catalogue item %d belongs to body %d, not %d: %w", itemID, owner, bodyID, ErrNotFound)
			}
		}
		_, err := tx.ExecContext(ctx, "UPDATE documents SET catalogue_item_id = $1 WHERE id = $2", nullID(itemID), docID)
		return err
	})
}

// CatalogueDocument is a published document listed under a line.
type CatalogueDocument struct {
	ID        int64
	ItemID    int64
	Title     string
	Published *time.Time
}

// CatalogueDocuments returns the body's published documents attached to
// catalogue lines, newest first.
func (s *Store) CatalogueDocuments(ctx context.Context, bodyID int64) ([]CatalogueDocument, error) {
	var out []CatalogueDocument
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, catalogue_item_id, title, published FROM documents
			WHERE body_id = $1 AND state = 'published' AND catalogue_item_id IS NOT NULL
			ORDER BY published DESC, id DESC`, bodyID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var d CatalogueDocument
			if err := rows.Scan(&d.ID, &d.ItemID, &d.Title, nullTimeScan{&d.Published}); err != nil {
				return err
			}
			out = append(out, d)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("store: catalogue documents of body %d: %w", bodyID, err)
	}
	return out, nil
}
