package web

import (
	"context"

	"github.com/gongkai/gongkai/internal/catalogue"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
)

// ColumnTreeStore keeps a body's own columns (栏目) beside the fixed
// 政府信息公开 tree, and what the website checks read from documents.
type ColumnTreeStore interface {
	Column(ctx context.Context, id int64) (disclosure.Column, error)
	AddColumn(ctx context.Context, c disclosure.Column) (int64, error)
	UpdateColumn(ctx context.Context, c disclosure.Column) error
	MoveColumn(ctx context.Context, id int64, up bool) error
	SetColumnRetired(ctx context.Context, id int64, retired bool) error
	ColumnStats(ctx context.Context, bodyID int64) (map[int64]store.ColumnStat, error)
}

// CatalogueStore keeps a body's 政务公开事项标准目录 and the documents
// attached to its lines.
type CatalogueStore interface {
	CatalogueItems(ctx context.Context, bodyID int64) ([]catalogue.Item, error)
	CatalogueItem(ctx context.Context, id int64) (catalogue.Item, error)
	SaveCatalogueItem(ctx context.Context, it catalogue.Item) (int64, error)
	DeleteCatalogueItem(ctx context.Context, id int64) error
	ImportCatalogue(ctx context.Context, bodyID int64, items []catalogue.Item) error
	CatalogueDocuments(ctx context.Context, bodyID int64) ([]store.CatalogueDocument, error)
	DocumentCatalogueItem(ctx context.Context, docID int64) (int64, error)
	SetDocumentCatalogueItem(ctx context.Context, docID, itemID int64) error
}
