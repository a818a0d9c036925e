package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/search"
	"github.com/gongkai/gongkai/internal/workday"
	"golang.org/x/net/html"
)

// DocumentIndex is the portal's full-text index (internal/search) as the
// store uses it: its tables, and changes written in the store's own
// transactions so the index never shows a document the store has not
// published, nor keeps one it has withdrawn.
type DocumentIndex interface {
	Schema() []string
	Upsert(ctx context.Context, ex search.Execer, doc search.Doc) error
	Delete(ctx context.Context, ex search.Execer, id int64) error
}

// searchBackfilledKey marks (in meta) that documents published before
// the index existed have been indexed.
const searchBackfilledKey = "search.backfilled"

// UseSearchIndex creates the index's tables if need be, indexes every
// published document once (the first time an index is used), and from
// then on keeps the index in step with publication and withdrawal. Call
// it once, before serving.
func (s *Store) UseSearchIndex(ctx context.Context, ix DocumentIndex) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		for _, stmt := range ix.Schema() {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return err
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM meta WHERE key = $1", searchBackfilledKey).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		rows, err := tx.QueryContext(ctx, "SELECT "+documentColumns+" FROM documents WHERE state = 'published' ORDER BY id")
		if err != nil {
			return err
		}
		var ds []disclosure.Document
		for rows.Next() {
			d, err := scanDocument(rows)
			if err != nil {
				rows.Close()
				return err
			}
			ds = append(ds, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, d := range ds {
			if err := ix.Upsert(ctx, tx, searchDoc(d)); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, "INSERT INTO meta (key, value) VALUES ($1, $2)", searchBackfilledKey, s.now().UTC().Format("2006-01-02T15:04:05Z"))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: search index: %w", err)
	}
	s.search = ix
	return nil
}

// indexDocument adds or refreshes a published document in the index, if
// there is one, inside the caller's transaction.
func (s *Store) indexDocument(ctx context.Context, tx *sql.Tx, d disclosure.Document) error {
	if s.search == nil {
		return nil
	}
	return s.search.Upsert(ctx, tx, searchDoc(d))
}

// unindexDocument removes a document from the index, if there is one.
func (s *Store) unindexDocument(ctx context.Context, tx *sql.Tx, id int64) error {
	if s.search == nil {
		return nil
	}
	return s.search.Delete(ctx, tx, id)
}

// searchDoc is what the index keeps of a published document: the title,
// and as text the summary, the body without markup, and the metadata
// people search by. Prose comes first, so snippets quote the document
// rather than its 索引号.
func searchDoc(d disclosure.Document) search.Doc {
	doc := search.Doc{ID: d.ID, BodyID: d.BodyID, ColumnID: d.ColumnID, Theme: d.Theme, Kind: string(d.Kind), Title: d.Title}
	if d.Published != nil {
		doc.Year = d.Published.In(workday.China).Year()
	}
	var parts []string
	for _, s := range []string{d.Summary, htmlText(d.BodyHTML), d.DocNo, strings.Join(d.Keywords, " "), d.Publisher, d.IndexNo} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	doc.Text = strings.Join(parts, "\n")
	return doc
}

// htmlText is the text of sanitised HTML, a line break between blocks,
// so words of adjacent paragraphs do not run together.
func htmlText(s string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(b.String())
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "p", "br", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "pre":
				b.WriteString("\n")
			}
		}
	}
}
