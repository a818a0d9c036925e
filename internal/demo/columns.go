package demo

import (
	"context"
	"fmt"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
)

// ownColumn is one of the township's own top-level columns. Their
// periods are the inspection rules' defaults (动态要闻 2 weeks, 通知公告
// and 政策文件 6 months); 政策解读 has none.
type ownColumn struct {
	slug, name string
	typ        disclosure.ColumnType
}

func ownColumns() []ownColumn {
	return []ownColumn{
		{"news", "工作动态", disclosure.ColumnNews},
		{"notices", "通知公告", disclosure.ColumnNotice},
		{"policies", "政策文件", disclosure.ColumnPolicy},
		{"interpretations", "政策解读", disclosure.ColumnOther},
	}
}

// seedColumns adds the own columns and returns their ids by slug.
func seedColumns(ctx context.Context, st *store.Store, bodyID int64) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, oc := range ownColumns() {
		id, err := st.AddColumn(ctx, disclosure.Column{BodyID: bodyID, Slug: oc.slug, Name: oc.name,
			Type: oc.typ, Period: disclosure.DefaultPeriod(oc.typ)})
		if err != nil {
			return nil, fmt.Errorf("demo: column %s: %w", oc.slug, err)
		}
		ids[oc.slug] = id
	}
	return ids, nil
}
