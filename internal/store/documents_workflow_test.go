package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/audit"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

var editor = store.Actor{UserID: 7, Username: "editor", Remote: "192.0.2.1"}
var reviewer = store.Actor{UserID: 8, Username: "reviewer", Remote: "192.0.2.2"}

func allChecked() disclosure.Review {
	var r disclosure.Review
	for _, it := range disclosure.SecrecyChecklist {
		r.Checked = append(r.Checked, it.ID)
	}
	return r
}

// docBody creates a body with the given organisation code and returns it
// with its 法定主动公开内容 column.
func docBody(t *testing.T, s *store.Store, slug, code string) (int64, int64) {
	t.Helper()
	id := mustCreateBody(t, s, body.Body{Name: slug + "人民政府", Kind: body.Township, Slug: slug, Code: code})
	col, err := s.ColumnBySlug(context.Background(), id, "statutory")
	if err != nil {
		t.Fatal(err)
	}
	return id, col.ID
}

// publishDraft runs a fresh draft through submit, approve and publish.
func publishDraft(ctx context.Context, s *store.Store, d disclosure.Document) (int64, string, error) {
	id, err := s.CreateDraft(ctx, d, editor)
	if err != nil {
		return 0, "", err
	}
	if err := s.SubmitDocument(ctx, id, editor); err != nil {
		return id, "", err
	}
	if err := s.ApproveDocument(ctx, id, allChecked(), reviewer); err != nil {
		return id, "", err
	}
	no, err := s.PublishDocument(ctx, id, reviewer)
	return id, no, err
}

func TestDocumentWorkflow(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)}
			s := openTarget(t, tg, c)
			bid, col := docBody(t, s, "wf", "11341702486344515H")

			written := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
			d := disclosure.Document{BodyID: bid, ColumnID: col, Title: "关于印发某办法的通知", Kind: disclosure.KindNormative,
				Written: &written, Format: disclosure.FormatMarkdown, Source: "正文", BodyHTML: "<p>正文</p><script>x</script>",
				Keywords: []string{"办法", "通知"}, Theme: "0201", Genre: "通知"}
			id, err := s.CreateDraft(ctx, d, editor)
			if err != nil {
				t.Fatal(err)
			}
			// Every save is a version.
			d.ID, d.Title = id, "关于印发某办法的通知（修改）"
			if err := s.SaveDraft(ctx, d, editor); err != nil {
				t.Fatal(err)
			}
			if vs, err := s.DocumentVersions(ctx, id); err != nil || len(vs) != 2 || vs[0].Version != 2 || vs[1].Title != "关于印发某办法的通知" {
				t.Errorf("versions = %+v, %v", vs, err)
			}
			// Steps out of order are refused with the state in the error.
			if _, err := s.PublishDocument(ctx, id, reviewer); !errors.Is(err, store.ErrState) {
				t.Errorf("publishing a draft: %v, want ErrState", err)
			}
			if err := s.SubmitDocument(ctx, id, editor); err != nil {
				t.Fatal(err)
			}
			if err := s.SaveDraft(ctx, d, editor); !errors.Is(err, store.ErrState) {
				t.Errorf("editing a submitted document: %v, want ErrState", err)
			}
			if err := s.ApproveDocument(ctx, id, disclosure.Review{Checked: []string{"accurate"}}, reviewer); !errors.Is(err, disclosure.ErrChecklistIncomplete) {
				t.Errorf("approval with an incomplete checklist: %v", err)
			}
			if err := s.ReturnDocument(ctx, id, " ", reviewer); !errors.Is(err, disclosure.ErrReasonRequired) {
				t.Errorf("return without reason: %v", err)
			}
			if err := s.ReturnDocument(ctx, id, "文号有误", reviewer); err != nil {
				t.Fatal(err)
			}
			if got, _ := s.Document(ctx, id); got.State != disclosure.StateDraft || got.ReturnReason != "文号有误" {
				t.Errorf("returned document = %s %q", got.State, got.ReturnReason)
			}
			if err := s.SubmitDocument(ctx, id, editor); err != nil {
				t.Fatal(err)
			}
			if err := s.ApproveDocument(ctx, id, allChecked(), reviewer); err != nil {
				t.Fatal(err)
			}
			no, err := s.PublishDocument(ctx, id, reviewer)
			if err != nil {
				t.Fatal(err)
			}
			if no != "11341702486344515H/2026-00001" {
				t.Errorf("索引号 = %q", no)
			}
			got, err := s.Document(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if got.State != disclosure.StatePublished || got.IndexNo != no || got.Published == nil || got.Version != 2 ||
				strings.Contains(got.BodyHTML, "script") || got.Theme != "0201" || len(got.Keywords) != 2 {
				t.Errorf("published document = %+v", got)
			}
			if len(got.Validity) != 1 || got.Validity[0].Status != disclosure.ValidityInForce || !got.Validity[0].Effective.Equal(written) {
				t.Errorf("validity after publication = %+v", got.Validity)
			}
			if reviews, _ := s.DocumentReviews(ctx, id); len(reviews) != 2 || reviews[0].Decision != "return" || reviews[1].Decision != "approve" {
				t.Errorf("reviews = %+v", reviews)
			}

			// Abolition, replaced by a second document.
			repl, _, err := publishDraft(ctx, s, disclosure.Document{BodyID: bid, ColumnID: col, Title: "新办法",
				Kind: disclosure.KindNormative, Written: &written, Format: disclosure.FormatHTML})
			if err != nil {
				t.Fatal(err)
			}
			abol := disclosure.ValidityEvent{DocumentID: id, Status: disclosure.ValidityAbolished,
				Effective: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), ReplacedBy: repl}
			if err := s.AddValidity(ctx, abol, reviewer); err != nil {
				t.Fatal(err)
			}
			abol.Status = disclosure.ValidityAmended
			if err := s.AddValidity(ctx, abol, reviewer); !errors.Is(err, disclosure.ErrValidityFinal) {
				t.Errorf("change after abolition: %v", err)
			}
			if _, err := s.WriterDB().ExecContext(ctx, "DELETE FROM document_validity"); err == nil {
				t.Error("validity history could be deleted")
			}

			// Withdrawal keeps the document, out of the column list.
			if err := s.WithdrawDocument(ctx, id, "", reviewer); !errors.Is(err, disclosure.ErrReasonRequired) {
				t.Errorf("withdraw without reason: %v", err)
			}
			if err := s.WithdrawDocument(ctx, id, "内容已过时", reviewer); err != nil {
				t.Fatal(err)
			}
			if got, err := s.Document(ctx, id); err != nil || got.State != disclosure.StateWithdrawn || got.WithdrawReason != "内容已过时" || got.IndexNo != no {
				t.Errorf("withdrawn document = %+v, %v", got, err)
			}
			if ds, total, _ := s.Documents(ctx, col, 0, 10); total != 1 || ds[0].ID != repl || len(ds[0].Validity) != 1 {
				t.Errorf("column lists %d documents after withdrawal (want 1, with its 有效性): %+v", total, ds)
			}

			// Console list by state, sitemap.
			if ds, total, err := s.BodyDocuments(ctx, bid, disclosure.StateWithdrawn, 0, 10); err != nil || total != 1 || ds[0].ID != id {
				t.Errorf("withdrawn documents = %v (%d), %v", ds, total, err)
			}
			if _, total, _ := s.BodyDocuments(ctx, bid, "", 0, 10); total != 2 {
				t.Errorf("all documents of the body = %d, want 2", total)
			}
			if es, err := s.SitemapEntries(ctx, 100); err != nil || len(es) != 1 || es[0].DocumentID != repl || es[0].BodySlug != "wf" {
				t.Errorf("SitemapEntries = %+v, %v", es, err)
			}

			// Every step is in the audit log.
			entries, err := s.Audit(ctx, audit.Filter{BodyIDs: []int64{bid}, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			var actions []string
			for i := len(entries) - 1; i >= 0; i-- {
				if entries[i].Target == fmt.Sprintf("document:%d", id) {
					actions = append(actions, entries[i].Action)
				}
			}
			want := "doc.create doc.edit doc.submit doc.return doc.submit doc.approve doc.publish doc.validity doc.withdraw"
			if strings.Join(actions, " ") != want {
				t.Errorf("audit = %s\nwant    %s", strings.Join(actions, " "), want)
			}

			// A body without an organisation code cannot publish.
			nb, ncol := docBody(t, s, "nocode", "")
			if _, _, err := publishDraft(ctx, s, disclosure.Document{BodyID: nb, ColumnID: ncol, Title: "无代码"}); !errors.Is(err, disclosure.ErrNoBodyCode) {
				t.Errorf("publish without body code: %v", err)
			}
		})
	}
}

// TestConcurrentPublishing publishes 20 documents of one body at once:
// every one must get its own serial, 1 to 20.
func TestConcurrentPublishing(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: time.Date(2026, 5, 6, 2, 0, 0, 0, time.UTC)}
			s := openTarget(t, tg, c)
			bid, col := docBody(t, s, "conc", "000014349")
			const n = 20
			ids := make([]int64, n)
			for i := range ids {
				id, err := s.CreateDraft(ctx, disclosure.Document{BodyID: bid, ColumnID: col, Title: fmt.Sprintf("并发%d", i)}, editor)
				if err != nil {
					t.Fatal(err)
				}
				if err := s.SubmitDocument(ctx, id, editor); err != nil {
					t.Fatal(err)
				}
				if err := s.ApproveDocument(ctx, id, allChecked(), reviewer); err != nil {
					t.Fatal(err)
				}
				ids[i] = id
			}
			var wg sync.WaitGroup
			nos := make([]string, n)
			errs := make([]error, n)
			for i, id := range ids {
				wg.Go(func() { nos[i], errs[i] = s.PublishDocument(ctx, id, reviewer) })
			}
			wg.Wait()
			seen := map[string]bool{}
			for i := range nos {
				if errs[i] != nil {
					t.Fatalf("publish %d: %v", i, errs[i])
				}
				seen[nos[i]] = true
			}
			for k := 1; k <= n; k++ {
				if want := fmt.Sprintf("000014349/2026-%05d", k); !seen[want] {
					t.Errorf("serial %s not given; got %v", want, nos)
				}
			}
			if len(seen) != n {
				t.Errorf("%d distinct 索引号 for %d documents", len(seen), n)
			}
		})
	}
}

// TestImportKeepsCounterAhead: an imported record with a generated-form
// 索引号 moves the counter past it; a legacy form is accepted as is.
func TestImportKeepsCounterAhead(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: time.Date(2026, 5, 6, 2, 0, 0, 0, time.UTC)}
			s := openTarget(t, tg, c)
			bid, col := docBody(t, s, "imp", "000014349")
			p := c.Now()
			for _, no := range []string{"000014349/2026-00007", "000014349/202110-00013"} {
				if _, err := s.CreateDocument(ctx, disclosure.Document{BodyID: bid, ColumnID: col, Title: no, IndexNo: no, Published: &p}); err != nil {
					t.Fatalf("import %s: %v", no, err)
				}
			}
			if _, err := s.CreateDocument(ctx, disclosure.Document{BodyID: bid, ColumnID: col, Title: "bad", IndexNo: "14349/2026-7", Published: &p}); err == nil {
				t.Error("malformed 索引号 imported")
			}
			if _, no, err := publishDraft(ctx, s, disclosure.Document{BodyID: bid, ColumnID: col, Title: "新"}); err != nil || no != "000014349/2026-00008" {
				t.Errorf("next 索引号 = %q, %v; want 000014349/2026-00008", no, err)
			}
		})
	}
}

// TestTableTwoFromRecords creates and abolishes documents across two
// years through the store and checks table 二 and the stock rule.
func TestTableTwoFromRecords(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: time.Date(2021, 3, 2, 2, 0, 0, 0, time.UTC)}
			s := openTarget(t, tg, c)
			bid, col := docBody(t, s, "t2", "000014349")
			at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
			var first []int64
			for i := range 3 {
				w := at(2021, 3, 1+i)
				id, _, err := publishDraft(ctx, s, disclosure.Document{BodyID: bid, ColumnID: col, Title: fmt.Sprintf("2021-%d", i),
					Kind: disclosure.KindNormative, Written: &w})
				if err != nil {
					t.Fatal(err)
				}
				first = append(first, id)
			}
			c.Advance(365 * 24 * time.Hour) // into 2022
			w := at(2022, 2, 1)
			if _, _, err := publishDraft(ctx, s, disclosure.Document{BodyID: bid, ColumnID: col, Title: "2022-0",
				Kind: disclosure.KindNormative, Written: &w}); err != nil {
				t.Fatal(err)
			}
			for _, id := range first[:2] {
				if err := s.AddValidity(ctx, disclosure.ValidityEvent{DocumentID: id, Status: disclosure.ValidityAbolished,
					Effective: at(2022, 6, 1)}, reviewer); err != nil {
					t.Fatal(err)
				}
			}
			figures := disclosure.Figures{Cells: map[string]map[string]annualreport.Cell{"行政许可": {"本年处理决定数量": {State: annualreport.Value, Num: 5}}}}
			if err := s.SetReportFigures(ctx, bid, 2022, figures, editor); err != nil {
				t.Fatal(err)
			}
			docs, err := s.CountedDocuments(ctx, bid)
			if err != nil {
				t.Fatal(err)
			}
			f := annualreport.FormatForYear(2022)
			reports := map[int]*annualreport.Report{}
			for _, y := range []int{2021, 2022} {
				entered, err := s.ReportFigures(ctx, bid, y)
				if err != nil {
					t.Fatal(err)
				}
				reports[y] = &annualreport.Report{Year: y, Format: f.ID, Tables: annualreport.Tables{
					Two: disclosure.TableTwo(f, y, docs, entered.Cells)}}
			}
			want := map[int][3]float64{2021: {3, 0, 3}, 2022: {1, 2, 2}}
			for y, w := range want {
				row := reports[y].Tables.Two["行政规范性文件"]
				got := [3]float64{row["本年制发件数"].Num, row["本年废止件数"].Num, row["现行有效件数"].Num}
				if got != w {
					t.Errorf("%d 制发/废止/现行有效 = %v, want %v", y, got, w)
				}
			}
			if c := reports[2022].Tables.Two["行政许可"]["本年处理决定数量"]; c.State != annualreport.Value || c.Num != 5 {
				t.Errorf("entered figure read back as %+v", c)
			}
			for _, fd := range annualreport.Check(reports[2022], reports[2021]) {
				if fd.Rule == annualreport.RuleStock {
					t.Errorf("stock rule: %s", fd.Message)
				}
			}
		})
	}
}
