package search

import (
	"context"
	"errors"
	"fmt"
)

// Prepared is a document tokenised for the index ahead of the
// transaction that writes it, so a bulk import can tokenise one batch
// while the database writes the one before. Its ID may come later
// (SetID): the store takes IDs inside the transaction.
type Prepared struct {
	d preparedDoc
	// pg is PostgreSQL's part of the tsvectors, without the ID's window
	// tokens (nil on SQLite).
	pg *pgTokens
}

// Prepare tokenises doc; it does no I/O.
func (ix *Index) Prepare(doc Doc) Prepared {
	p := Prepared{d: ix.prepare(doc)}
	if _, ok := ix.d.(copyDialect); ok {
		t := pgTokensOf(p.d)
		p.pg = &t
	}
	return p
}

// SetID gives the document its ID.
func (p *Prepared) SetID(id int64) { p.d.ID = id }

// Inserter appends rows to a table inside the caller's transaction, in
// bulk (the store's COPY on PostgreSQL).
type Inserter interface {
	Insert(ctx context.Context, table string, cols []string, rows [][]any) error
}

// copyDialect is a dialect that writes documents new to the index as
// rows for an Inserter, but for those it writes one by one (upsert).
type copyDialect interface {
	copyRows(docs []Prepared) (tableRows, []preparedDoc)
}

// tableRows are rows of one table for an Inserter.
type tableRows struct {
	table string
	cols  []string
	rows  [][]any
}

// InsertNew indexes documents that are not in the index yet (IDs never
// indexed: a bulk import's new documents) exactly as UpsertBatch would:
// on PostgreSQL through ins (COPY, the tsvectors in binary, which the
// server reads without parsing text), long documents one by one through
// ex; otherwise, or when ins is nil, as UpsertBatch. An ID already indexed is an error on PostgreSQL (the
// primary key), and the caller's transaction fails.
func (ix *Index) InsertNew(ctx context.Context, ex Execer, ins Inserter, docs []Prepared) error {
	if len(docs) == 0 {
		return nil
	}
	seen := make(map[int64]bool, len(docs))
	for _, p := range docs {
		if p.d.ID <= 0 {
			return errors.New("search: insert: document ID must be positive")
		}
		if seen[p.d.ID] {
			return fmt.Errorf("search: insert: document %d twice", p.d.ID)
		}
		seen[p.d.ID] = true
	}
	c, ok := ix.d.(copyDialect)
	if !ok || ins == nil || docs[0].pg == nil {
		prepared := make([]preparedDoc, len(docs))
		for i, p := range docs {
			prepared[i] = p.d
		}
		return ix.upsertPrepared(ctx, ex, prepared)
	}
	rows, long := c.copyRows(docs)
	if len(rows.rows) > 0 {
		if err := ins.Insert(ctx, rows.table, rows.cols, rows.rows); err != nil {
			return fmt.Errorf("search: insert %d documents from %d into %s: %w", len(rows.rows), docs[0].d.ID, rows.table, err)
		}
	}
	for _, d := range long {
		if err := ix.d.upsert(ctx, ex, d); err != nil {
			return fmt.Errorf("search: upsert document %d: %w", d.ID, err)
		}
	}
	return nil
}
