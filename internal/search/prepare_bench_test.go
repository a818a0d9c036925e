package search

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkPreparePostgres tokenises a document of about 600 characters
// for PostgreSQL, as a bulk import does for every row.
func BenchmarkPreparePostgres(b *testing.B) {
	ix, err := NewIndex(nil, Postgres, nil, Options{})
	if err != nil {
		b.Fatal(err)
	}
	var text strings.Builder
	for i := 0; text.Len() < 1800; i++ {
		fmt.Fprintf(&text, "第%d条，为进一步做好政府信息公开工作，推进政务公开标准化规范化，结合本地实际。", i)
	}
	doc := Doc{BodyID: 1, ColumnID: 2, Theme: "财政", Year: 2024, Kind: "其他", Title: "关于做好政务公开工作的通知", Text: text.String()}
	b.ReportAllocs()
	for b.Loop() {
		ix.Prepare(doc)
	}
}
