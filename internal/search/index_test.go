package search

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/store/storetest"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

// corpus covers the recall cases: two-character words, a place name inside
// a longer name, a look-alike name (上溪镇), digits glued to Chinese,
// fullwidth characters, markup in the text.
var corpus = []Doc{
	{ID: 1, BodyID: 1, ColumnID: 10, Theme: "政务公开", Year: 2024, Kind: "年报",
		Title: "岚溪镇人民政府2023年政府信息公开工作年度报告",
		Text:  "本报告由岚溪镇人民政府编制。2023年，岚溪镇认真贯彻《中华人民共和国政府信息公开条例》，主动公开政府信息1200条。"},
	{ID: 2, BodyID: 2, ColumnID: 20, Theme: "财政", Year: 2024, Kind: "预决算",
		Title: "关于2024年部门预算的说明",
		Text:  "县教育局2024年部门预算收入合计3500万元，其中财政拨款3000万元。预算编制坚持保障教育经费。"},
	{ID: 3, BodyID: 1, ColumnID: 10, Theme: "基层治理", Year: 2023, Kind: "公告",
		Title: "岚溪村委会换届选举公告",
		Text:  "岚溪村第十二届村民委员会选举将于下月举行。"},
	{ID: 4, BodyID: 2, ColumnID: 21, Theme: "政务公开", Year: 2022, Kind: "公告",
		Title: "教育局关于规范性文件清理结果的公告",
		Text:  "根据工作安排，对2019年以来制发的规范性文件进行清理，现行有效12件，已废止3件。"},
	{ID: 5, BodyID: 2, ColumnID: 20, Theme: "其他", Year: 2023, Kind: "其他",
		Title: "<script>alert(1)</script>测试文件",
		Text:  "正文含有<script>alert('x')</script>以及公开&透明。"},
	{ID: 6, BodyID: 2, ColumnID: 21, Theme: "政务公开", Year: 2023, Kind: "指南",
		Title: "依申请公开办理流程",
		Text:  "申请人可通过网络、信函、当面等方式提出政府信息公开申请。需要补正的，出具补正通知书。"},
	{ID: 7, BodyID: 2, ColumnID: 22, Theme: "标准", Year: 2023, Kind: "标准",
		Title: "行政区划代码标准",
		Text:  "执行ＧＢ／Ｔ　２２６０—２０２３标准。"},
	{ID: 8, BodyID: 2, ColumnID: 20, Theme: "财政", Year: 2024, Kind: "预决算",
		Title: "财政决算公开",
		Text:  "2023 年度财政决算已经人大常委会批准。"},
	{ID: 9, BodyID: 1, ColumnID: 10, Theme: "基层治理", Year: 2021, Kind: "简介",
		Title: "上溪镇简介",
		Text:  "上溪镇位于县境东部。"},
}

type recallCase struct {
	query  string
	filter Filter
	want   []int64 // newest first
}

var recallCases = []recallCase{
	{query: "公开", want: []int64{8, 6, 5, 1}},
	{query: "预算", want: []int64{2}},
	{query: "教育", want: []int64{4, 2}},
	{query: "岚溪", want: []int64{3, 1}},
	{query: "岚溪镇", want: []int64{1}},
	{query: "溪镇", want: []int64{9, 1}},
	{query: "镇", want: []int64{9, 1}},
	{query: "2023年", want: []int64{8, 1}},
	{query: "2023", want: []int64{8, 7, 1}},
	{query: "ＧＢ／Ｔ", want: []int64{7}},
	{query: "gb/t 2260", want: []int64{7}},
	{query: "教育，预算", want: []int64{2}},
	{query: "信息 公开", want: []int64{6, 1}},
	{query: "已废止", want: []int64{4}},
	{query: "人民政府", want: []int64{1}},
	{query: "补正", want: []int64{6}},
	{query: "<script>", want: []int64{5}},
	{query: "不存在的词", want: nil},
	{query: "公开", filter: Filter{BodyID: 1}, want: []int64{1}},
	{query: "公开", filter: Filter{Year: 2023}, want: []int64{6, 5}},
	{query: "公开", filter: Filter{Theme: "政务公开"}, want: []int64{6, 1}},
	{query: "公开", filter: Filter{Kind: "预决算", ColumnID: 20}, want: []int64{8}},
	{query: "岚溪", filter: Filter{BodyID: 2}, want: nil},
}

// testDB is one database with a loaded corpus.
type testDB struct {
	name string
	ix   *Index
}

var sharedSegmenter = NewSegmenter(SegmenterOptions{})

func waitSegmenter(t testing.TB) *Segmenter {
	t.Helper()
	select {
	case <-sharedSegmenter.Ready():
	case <-time.After(60 * time.Second):
		t.Fatal("dictionary did not load in 60 s")
	}
	if _, _, err := sharedSegmenter.LoadStats(); err != nil {
		t.Fatal(err)
	}
	return sharedSegmenter
}

func openSQLite(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "search.db")+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func loadCorpus(t testing.TB, ix *Index, docs []Doc) {
	t.Helper()
	ctx := context.Background()
	if err := ix.CreateSchema(ctx); err != nil {
		t.Fatal(err)
	}
	tx, err := ix.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := ix.Upsert(ctx, tx, d); err != nil {
			tx.Rollback()
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// databases returns the corpus indexed in SQLite and, when
// GONGKAI_TEST_POSTGRES is set, in PostgreSQL under a table prefix unique
// to this run (dropped afterwards).
func databases(t *testing.T, docs []Doc, opt Options) []testDB {
	t.Helper()
	seg := waitSegmenter(t)
	lite, err := NewIndex(openSQLite(t), SQLite, seg, opt)
	if err != nil {
		t.Fatal(err)
	}
	loadCorpus(t, lite, docs)
	out := []testDB{{"sqlite", lite}}
	url := storetest.PostgresServer(t, os.Getenv)
	if url == "" {
		return out
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	popt := opt
	popt.Table = fmt.Sprintf("search_test_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	pg, err := NewIndex(db, Postgres, seg, popt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, stmt := range pg.DropSchema() {
			if _, err := db.Exec(stmt); err != nil {
				t.Errorf("drop: %v", err)
			}
		}
	})
	loadCorpus(t, pg, docs)
	return append(out, testDB{"postgres", pg})
}

func hitIDs(r Results) []int64 {
	var ids []int64
	for _, h := range r.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

func TestRecall(t *testing.T) {
	ctx := context.Background()
	dbs := databases(t, corpus, Options{})
	// Without the prefix index one-character queries take the slow path;
	// the answers must not change.
	plain, err := NewIndex(openSQLite(t), SQLite, waitSegmenter(t), Options{NoPrefixIndex: true})
	if err != nil {
		t.Fatal(err)
	}
	loadCorpus(t, plain, corpus)
	dbs = append(dbs, testDB{"sqlite without prefix index", plain})
	for _, db := range dbs {
		if err := db.ix.Optimize(ctx); err != nil {
			t.Fatalf("%s: %v", db.name, err)
		}
		for _, tc := range recallCases {
			r, err := db.ix.Search(ctx, Query{Text: tc.query, Filter: tc.filter, Sort: SortNewest, Limit: 100})
			if err != nil {
				t.Errorf("%s: %q: %v", db.name, tc.query, err)
				continue
			}
			if got := hitIDs(r); !slices.Equal(got, tc.want) {
				t.Errorf("%s: %q %+v = %v, want %v", db.name, tc.query, tc.filter, got, tc.want)
			}
			if r.Total != len(tc.want) || !r.TotalExact {
				t.Errorf("%s: %q total = %d (exact %v), want %d", db.name, tc.query, r.Total, r.TotalExact, len(tc.want))
			}
		}
	}
}

// TestSameResults runs every query in both orders on every database and
// requires identical results, scores and snippets included.
func TestSameResults(t *testing.T) {
	if storetest.PostgresServer(t, os.Getenv) == "" {
		t.Skip("GONGKAI_TEST_POSTGRES not set")
	}
	ctx := context.Background()
	dbs := databases(t, append(slices.Clone(corpus), longDoc()), Options{Candidates: 3, CountCap: 3})
	cases := append(slices.Clone(recallCases), longCases...)
	for _, tc := range cases {
		for _, sort := range []Sort{SortRelevance, SortNewest} {
			for _, page := range []Query{{Limit: 2}, {Offset: 2, Limit: 2}, {Offset: 4, Limit: 3}} {
				q := page
				q.Text, q.Filter, q.Sort = tc.query, tc.filter, sort
				var first Results
				for i, db := range dbs {
					r, err := db.ix.Search(ctx, q)
					if err != nil {
						t.Fatalf("%s: %+v: %v", db.name, q, err)
					}
					if i == 0 {
						first = r
						continue
					}
					if fmt.Sprint(r.Hits) != fmt.Sprint(first.Hits) || r.Total != first.Total {
						t.Errorf("%+v:\n%s: %v\n%s: %v", q, dbs[0].name, first.Hits, db.name, r.Hits)
					}
				}
			}
		}
	}
}

// longDoc is a document of about 100,000 characters, past what one
// PostgreSQL tsvector keeps (16383 positions, 256 a lexeme), with a phrase
// near its end and one at its start.
func longDoc() Doc {
	var b strings.Builder
	b.WriteString("青石岭水库移民安置规划。")
	for i := 0; b.Len() < 300000; i++ {
		if i == 3500 {
			b.WriteString("枫桥镇水利站负责除险加固。")
		}
		fmt.Fprintf(&b, "第%d条，本县财政预算执行情况良好，教育支出稳步增长。", i)
	}
	return Doc{ID: 10, BodyID: 1, ColumnID: 10, Theme: "规划", Year: 2024, Kind: "规划",
		Title: "水库移民后期扶持规划", Text: b.String()}
}

var longCases = []recallCase{
	{query: "枫桥镇水利站", want: []int64{10}},
	{query: "除险加固", want: []int64{10}},
	{query: "移民安置", want: []int64{10}},
	{query: "第3499条", want: []int64{10}},
	{query: "执行情况 第3500条", want: []int64{10}},
	{query: "预算执行", want: []int64{10}},
	{query: "教育", want: []int64{10, 4, 2}},
	{query: "水利站", filter: Filter{BodyID: 2}, want: nil},
}

// TestLongDocument finds phrases anywhere in a long document, on both
// databases, as the scan of its text would.
func TestLongDocument(t *testing.T) {
	ctx := context.Background()
	long := longDoc()
	for _, db := range databases(t, append(slices.Clone(corpus), long), Options{}) {
		for _, tc := range longCases {
			r, err := db.ix.Search(ctx, Query{Text: tc.query, Filter: tc.filter, Sort: SortNewest, Limit: 100})
			if err != nil {
				t.Fatalf("%s: %q: %v", db.name, tc.query, err)
			}
			if got := hitIDs(r); !slices.Equal(got, tc.want) {
				t.Errorf("%s: %q %+v = %v, want %v", db.name, tc.query, tc.filter, got, tc.want)
			}
		}
		// A phrase that is not there, though all its bigrams are.
		r, err := db.ix.Search(ctx, Query{Text: "增长教育"})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Hits) != 0 {
			t.Errorf("%s: 增长教育 = %v, want nothing", db.name, hitIDs(r))
		}
		// Shortened, the document loses its chunks.
		short := long
		short.Text = "规划已完成。"
		if err := db.ix.Upsert(ctx, db.ix.db, short); err != nil {
			t.Fatal(err)
		}
		if r, err := db.ix.Search(ctx, Query{Text: "枫桥镇水利站"}); err != nil || len(r.Hits) != 0 {
			t.Errorf("%s: after shortening, 枫桥镇水利站 = %v (%v), want nothing", db.name, hitIDs(r), err)
		}
		if r, err := db.ix.Search(ctx, Query{Text: "规划已完成"}); err != nil || len(r.Hits) != 1 {
			t.Errorf("%s: after shortening, 规划已完成 = %v (%v), want doc 10", db.name, hitIDs(r), err)
		}
	}
}

func TestRelevanceOrder(t *testing.T) {
	ctx := context.Background()
	for _, db := range databases(t, corpus, Options{}) {
		r, err := db.ix.Search(ctx, Query{Text: "公开"})
		if err != nil {
			t.Fatal(err)
		}
		got := hitIDs(r)
		// Title hits (1, 6, 8) before the body-only hit (5).
		if len(got) != 4 || !sameSet(got[:3], []int64{1, 6, 8}) || got[3] != 5 {
			t.Errorf("%s: order %v, want title hits {1,6,8} first", db.name, got)
		}
		for i, h := range r.Hits {
			if h.TitleMatch != (i < 3) {
				t.Errorf("%s: hit %d (doc %d) TitleMatch = %v", db.name, i, h.ID, h.TitleMatch)
			}
		}
	}
}

func sameSet(a, b []int64) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestSnippetEscaping(t *testing.T) {
	ctx := context.Background()
	for _, db := range databases(t, corpus, Options{}) {
		r, err := db.ix.Search(ctx, Query{Text: "script 公开"})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Hits) != 1 {
			t.Fatalf("%s: hits %v, want doc 5", db.name, hitIDs(r))
		}
		h := r.Hits[0]
		for _, s := range []string{string(h.TitleHTML), string(h.SnippetHTML)} {
			if strings.Contains(s, "<script") || strings.Contains(s, "</script") {
				t.Errorf("%s: unescaped markup in %s", db.name, s)
			}
		}
		if want := "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;测试文件"; string(h.TitleHTML) != want {
			t.Errorf("%s: TitleHTML = %s, want %s", db.name, h.TitleHTML, want)
		}
		if want := "以及<mark>公开</mark>&amp;透明"; !strings.Contains(string(h.SnippetHTML), want) {
			t.Errorf("%s: SnippetHTML = %s, want it to contain %s", db.name, h.SnippetHTML, want)
		}
	}
}

func TestSearchErrors(t *testing.T) {
	ctx := context.Background()
	ix := databases(t, corpus[:1], Options{})[0].ix
	tests := []struct {
		q    Query
		want error
	}{
		{Query{Text: ""}, ErrEmptyQuery},
		{Query{Text: " \t　"}, ErrEmptyQuery},
		{Query{Text: "？！"}, ErrEmptyQuery},
		{Query{Text: strings.Repeat("公", 500)}, ErrQueryTooLong},
		{Query{Text: "公开", Offset: maxOffset + 1}, ErrPageTooDeep},
	}
	for _, tt := range tests {
		if _, err := ix.Search(ctx, tt.q); !errors.Is(err, tt.want) {
			t.Errorf("Search(%+v) error = %v, want %v", tt.q, err, tt.want)
		}
	}
}

func TestUpsertAndDelete(t *testing.T) {
	ctx := context.Background()
	for _, db := range databases(t, corpus, Options{}) {
		if err := db.ix.Delete(ctx, db.ix.db, 3); err != nil {
			t.Fatal(err)
		}
		changed := corpus[1]
		changed.Text = "本年度没有支出。"
		changed.Title = "部门说明"
		if err := db.ix.Upsert(ctx, db.ix.db, changed); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			query string
			want  []int64
		}{
			{"岚溪", []int64{1}},
			{"预算", nil},
			{"支出", []int64{2}},
		} {
			r, err := db.ix.Search(ctx, Query{Text: tc.query, Sort: SortNewest})
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(r); !slices.Equal(got, tc.want) {
				t.Errorf("%s: after update %q = %v, want %v", db.name, tc.query, got, tc.want)
			}
		}
	}
}

// TestPaging uses a window of 4 candidates over 30 matches, so pages cross
// from the ranked window into the newest-first rest; every match must
// appear exactly once.
func TestPaging(t *testing.T) {
	ctx := context.Background()
	var docs []Doc
	for i := 1; i <= 30; i++ {
		title := fmt.Sprintf("第%d号通知", i)
		if i%7 == 0 {
			title = fmt.Sprintf("关于预算公开的第%d号通知", i)
		}
		docs = append(docs, Doc{ID: int64(i), BodyID: 1, Year: 2024, Title: title,
			Text: strings.Repeat("部门预算", i%3+1) + "已按规定公开。"})
	}
	for _, db := range databases(t, docs, Options{Candidates: 4, CountCap: 20}) {
		var all []int64
		for off := 0; off < 40; off += 6 {
			r, err := db.ix.Search(ctx, Query{Text: "预算", Offset: off, Limit: 6})
			if err != nil {
				t.Fatal(err)
			}
			// 21 matches in IDs 10–30, the oldest 1: about 30.
			if r.Total != 30 || r.TotalExact {
				t.Errorf("%s: total %d exact %v, want estimated 30", db.name, r.Total, r.TotalExact)
			}
			all = append(all, hitIDs(r)...)
		}
		if len(all) != 30 {
			t.Fatalf("%s: paged %d hits, want 30: %v", db.name, len(all), all)
		}
		if !sameSet(all, docs2ids(docs)) {
			t.Errorf("%s: pages %v do not cover every document once", db.name, all)
		}
		// Title hits within the window's candidates come first.
		if all[0]%7 != 0 {
			t.Errorf("%s: first hit %d is not a title hit", db.name, all[0])
		}
	}
}

func docs2ids(docs []Doc) []int64 {
	var ids []int64
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	return ids
}

// TestWordBonus: with equal counts, a document where the query is a
// dictionary word outranks a newer one where its characters merely meet.
func TestWordBonus(t *testing.T) {
	ctx := context.Background()
	docs := []Doc{
		{ID: 1, Title: "友好城市", Text: "代表团访问东京，洽谈合作。"},
		{ID: 2, Title: "文化活动", Text: "广东京剧团来访，洽谈合作。"},
	}
	for _, db := range databases(t, docs, Options{}) {
		r, err := db.ix.Search(ctx, Query{Text: "东京"})
		if err != nil {
			t.Fatal(err)
		}
		if got := hitIDs(r); !slices.Equal(got, []int64{1, 2}) {
			t.Errorf("%s: order %v, want [1 2] (word before mere characters)", db.name, got)
		}
		r, err = db.ix.Search(ctx, Query{Text: "东京", Sort: SortNewest})
		if err != nil {
			t.Fatal(err)
		}
		if got := hitIDs(r); !slices.Equal(got, []int64{2, 1}) {
			t.Errorf("%s: newest order %v, want [2 1]", db.name, got)
		}
		r, err = db.ix.Search(ctx, Query{Text: "友好", Sort: SortNewest})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Hits) != 1 || !r.Hits[0].TitleMatch || r.Hits[0].Score != 0 {
			t.Errorf("%s: newest hits %+v, want doc 1 as a title match with score 0", db.name, r.Hits)
		}
	}
}

// TestLongDocumentInWindow: a long document found in an ID window that
// the GIN index restricts by window tokens (IDs far from 0), its chunks
// included, and a match in a later, wider window.
func TestLongDocumentInWindow(t *testing.T) {
	ctx := context.Background()
	long := longDoc()
	long.ID = 100000
	docs := []Doc{
		{ID: 10, Title: "通知", Text: "枫桥镇水利站今年完成除险加固。"},
		long,
		{ID: 100300, Title: "公告", Text: "本县财政预算执行情况良好。"},
	}
	for _, db := range databases(t, docs, Options{}) {
		// Newest first; by relevance the long document's match lies past
		// the opening that is ranked (rankedRunes), so it comes second.
		for sort, want := range map[Sort][]int64{SortNewest: {100000, 10}, SortRelevance: {10, 100000}} {
			r, err := db.ix.Search(ctx, Query{Text: "枫桥镇水利站", Sort: sort})
			if err != nil {
				t.Fatalf("%s: %v", db.name, err)
			}
			if got := hitIDs(r); !slices.Equal(got, want) {
				t.Errorf("%s: sort %d = %v, want %v", db.name, sort, got, want)
			}
		}
	}
}
