package web

import (
	"context"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// ThemeStore serves the portal's 主题分类 browsing: published documents
// only, by the theme code the document carries.
type ThemeStore interface {
	ThemeCounts(ctx context.Context, bodyID int64) (map[string]int, error)
	ThemeDocuments(ctx context.Context, bodyID int64, code string, offset, limit int) ([]disclosure.Document, int, error)
}
