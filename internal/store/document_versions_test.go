package store_test

import (
	"context"
	"errors"
	"os"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestDocumentVersion: each saved version comes back whole (every
// metadata field, the source, who saved it and when), older versions
// unchanged by later saves; an unknown version or document is
// ErrNotFound.
func TestDocumentVersion(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)}
			s := openTarget(t, tg, c)
			bid, col := docBody(t, s, "ver", "11341702486344515H")
			policy, err := s.CreateDraft(ctx, disclosure.Document{BodyID: bid, ColumnID: col, Title: "某办法",
				Kind: disclosure.KindOther, Format: disclosure.FormatHTML, Source: "<p>办法</p>"}, editor)
			if err != nil {
				t.Fatal(err)
			}
			written := time.Date(2026, 2, 27, 0, 0, 0, 0, time.UTC)
			d := disclosure.Document{BodyID: bid, ColumnID: col, Title: "关于某办法的解读", DocNo: "城政〔2026〕1号",
				Publisher: "城关镇人民政府", Summary: "概述", Written: &written, Theme: "0201", Genre: "解读",
				Keywords: []string{"办法", "解读"}, PublicMode: "主动公开", Kind: disclosure.KindOther,
				Format: disclosure.FormatMarkdown, Source: "第一段\n\n第二段", BodyHTML: "<p>第一段</p><p>第二段</p>",
				Interprets: policy}
			id, err := s.CreateDraft(ctx, d, editor)
			if err != nil {
				t.Fatal(err)
			}
			first := c.Now()
			c.Advance(time.Hour)
			d.ID, d.Title, d.DocNo, d.Source, d.Keywords = id, "关于某办法的解读（修改）", "城政〔2026〕2号", "第一段\n\n第三段", []string{"解读"}
			if err := s.SaveDraft(ctx, d, reviewer); err != nil {
				t.Fatal(err)
			}

			v1, err := s.DocumentVersion(ctx, id, 1)
			if err != nil {
				t.Fatal(err)
			}
			want := store.VersionData{ColumnID: col, Title: "关于某办法的解读", DocNo: "城政〔2026〕1号", Publisher: "城关镇人民政府",
				Summary: "概述", Theme: "0201", Genre: "解读", Keywords: []string{"办法", "解读"}, PublicMode: "主动公开",
				Kind: string(disclosure.KindOther), Format: string(disclosure.FormatMarkdown), Source: "第一段\n\n第二段", Interprets: policy}
			got := v1.Data
			if got.Written == nil || !got.Written.Equal(written) {
				t.Errorf("version 1 written = %v, want %v", got.Written, written)
			}
			got.Written = nil
			if !reflect.DeepEqual(got, want) {
				t.Errorf("version 1 data = %+v\nwant %+v", got, want)
			}
			if v1.Version != 1 || v1.Username != editor.Username || v1.UserID != editor.UserID || !v1.Created.Equal(first) ||
				v1.Title != want.Title || v1.Source != want.Source {
				t.Errorf("version 1 = %d %s/%d %v %q %q", v1.Version, v1.Username, v1.UserID, v1.Created, v1.Title, v1.Source)
			}

			v2, err := s.DocumentVersion(ctx, id, 2)
			if err != nil {
				t.Fatal(err)
			}
			if v2.Version != 2 || v2.Username != reviewer.Username || !v2.Created.Equal(first.Add(time.Hour)) ||
				v2.Data.Title != "关于某办法的解读（修改）" || v2.Data.DocNo != "城政〔2026〕2号" || v2.Data.Source != "第一段\n\n第三段" ||
				!slices.Equal(v2.Data.Keywords, []string{"解读"}) || v2.Data.Interprets != policy {
				t.Errorf("version 2 = %+v", v2)
			}
			// The list carries the same snapshots.
			if vs, err := s.DocumentVersions(ctx, id); err != nil || len(vs) != 2 || vs[1].Data.DocNo != "城政〔2026〕1号" {
				t.Errorf("versions = %+v, %v", vs, err)
			}

			for _, c := range []struct {
				id      int64
				version int
			}{{id, 3}, {id, 0}, {id + 1000, 1}} {
				if _, err := s.DocumentVersion(ctx, c.id, c.version); !errors.Is(err, store.ErrNotFound) {
					t.Errorf("DocumentVersion(%d, %d): %v, want ErrNotFound", c.id, c.version, err)
				}
			}
		})
	}
}
