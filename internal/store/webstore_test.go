package store_test

import (
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/web"
)

// The web layer consumes store.Store through web.Store.
var _ web.Store = (*store.Store)(nil)
