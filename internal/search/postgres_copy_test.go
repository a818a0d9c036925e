package search

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/store/storetest"
	"github.com/jackc/pgx/v5"
)

// copyInserter is an Inserter over one pgx connection, as the store's
// bulk writes are.
type copyInserter struct{ conn *pgx.Conn }

func (c copyInserter) Insert(ctx context.Context, table string, cols []string, rows [][]any) error {
	_, err := c.conn.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
	return err
}

// TestCopyRowsMatchUpsert: documents written by InsertNew (COPY, binary
// tsvectors) are stored exactly as UpsertBatch stores them (tsvector
// literals), the long document (written by upsert) and its chunks
// included, so every search finds the same.
func TestCopyRowsMatchUpsert(t *testing.T) {
	url := storetest.PostgresServer(t, os.Getenv)
	if url == "" {
		t.Skip("GONGKAI_TEST_POSTGRES not set")
	}
	ctx := context.Background()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(ctx) })
	docs := append(slices.Clone(corpus), longDoc())
	// A title with a token repeated past what a tsvector keeps of one
	// lexeme (256 positions).
	docs = append(docs, Doc{ID: 9001, BodyID: 2, Title: strings.Repeat("水库 ", 300), Text: "it's a \\ test 'quoted'"})
	seg := waitSegmenter(t)
	var ixs [2]*Index
	for i := range ixs {
		ix, err := NewIndex(db, Postgres, seg, Options{Table: fmt.Sprintf("search_copy%d_%d_%d", i, os.Getpid(), time.Now().UnixNano()%1e9)})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			for _, stmt := range ix.DropSchema() {
				if _, err := db.Exec(stmt); err != nil {
					t.Errorf("drop: %v", err)
				}
			}
		})
		if err := ix.CreateSchema(ctx); err != nil {
			t.Fatal(err)
		}
		ixs[i] = ix
	}
	if err := ixs[0].UpsertBatch(ctx, db, docs); err != nil {
		t.Fatal(err)
	}
	prepared := make([]Prepared, len(docs))
	for i, d := range docs {
		id := d.ID
		d.ID = 0 // the ID comes after tokenising, as in an import
		prepared[i] = ixs[1].Prepare(d)
		prepared[i].SetID(id)
	}
	if err := ixs[1].InsertNew(ctx, db, copyInserter{conn}, prepared); err != nil {
		t.Fatal(err)
	}
	dump := func(ix *Index) []string {
		p := ix.opt.Table
		rows, err := db.QueryContext(ctx, `SELECT concat_ws('|', id, body_id, column_id, theme, year, kind, title, body,
				title_tsv::text, text_tsv::text, meta_tsv::text, long) FROM `+p+`_doc
			UNION ALL SELECT concat_ws('|', doc_id, n, tsv::text) FROM `+p+`_chunk ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	upserted, copied := dump(ixs[0]), dump(ixs[1])
	if len(upserted) < len(docs)+2 {
		t.Fatalf("%d rows for %d documents: the long document has no chunks", len(upserted), len(docs))
	}
	if len(upserted) != len(copied) {
		t.Fatalf("%d rows upserted, %d copied", len(upserted), len(copied))
	}
	for i := range upserted {
		if upserted[i] != copied[i] {
			t.Errorf("row %d differs:\nupsert %.300s\ncopy   %.300s", i, upserted[i], copied[i])
		}
	}
}
