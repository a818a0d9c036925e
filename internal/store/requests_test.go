package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
	"github.com/gongkai/gongkai/internal/workday"
)

func day(s string) workday.Date { return workday.MustParse(s) }

func newRequest(bodyID int64, code, received string) request.Request {
	return request.Request{BodyID: bodyID, Code: code, SecretHash: "h-" + code, ApplicantType: "自然人",
		ApplicantName: "张三", IDType: "居民身份证", IDNumber: "11010519491231002X", Phone: "13800000000",
		Sought: "2025年村道建设项目的招标文件", Delivery: "电子邮件", Channel: request.Online, Received: day(received)}
}

// TestRequests runs the request store against SQLite and, when
// configured, PostgreSQL.
func TestRequests(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			c := &clock{t: time.Date(2026, 4, 27, 2, 0, 0, 0, time.UTC)}
			s := openTarget(t, tg, c)
			ctx := context.Background()
			town := mustCreateBody(t, s, body.Body{Name: "吴城镇人民政府", Kind: body.Township, Slug: "r-town"})
			other := mustCreateBody(t, s, body.Body{Name: "河口镇人民政府", Kind: body.Township, Slug: "r-other"})

			q := newRequest(town, "AAAABBBBCCCC", "2026-04-27")
			q.Attachments = []request.Attachment{{Hash: "ab", Name: "身份证.pdf", Size: 10, ContentType: "application/pdf"}}
			got, err := s.CreateRequest(ctx, q, 0, "")
			if err != nil {
				t.Fatal(err)
			}
			if got.ID == 0 || got.State != request.StateReceived || got.Due.IsZero() {
				t.Fatalf("CreateRequest = %+v", got)
			}
			if _, err := s.CreateRequest(ctx, q, 0, ""); !errors.Is(err, store.ErrConflict) {
				t.Errorf("duplicate code: %v, want ErrConflict", err)
			}
			back, err := s.RequestByCode(ctx, "AAAABBBBCCCC")
			if err != nil || back.ID != got.ID || back.IDNumber != q.IDNumber || len(back.Attachments) != 1 ||
				back.Received != day("2026-04-27") || back.Channel != request.Online {
				t.Errorf("RequestByCode = %+v, %v", back, err)
			}
			if _, err := s.Request(ctx, 999999); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("missing request: %v", err)
			}

			steps := []struct {
				ev      request.Event
				want    request.State
				wantErr bool
			}{
				{request.FeePaid{Date: day("2026-04-28")}, request.StateReceived, true}, // nothing to pay
				{request.SupplementRequested{Date: day("2026-04-28"), Due: day("2026-05-12")}, request.StateSupplementPending, false},
				{request.SupplementReceived{Date: day("2026-04-20")}, request.StateSupplementPending, true}, // before the last event
				{request.SupplementReceived{Date: day("2026-05-06")}, request.StateAccepted, false},
				{request.Extended{Date: day("2026-05-20"), Days: 10, Approver: "李主任"}, request.StateAccepted, false},
				{request.Extended{Date: day("2026-05-21"), Days: 5, Approver: "李主任"}, request.StateAccepted, true}, // only once
				{request.Answered{Date: day("2026-05-25"), Outcome: "三.九"}, request.StateAccepted, true},           // not an outcome
				{request.Answered{Date: day("2026-05-25"), Outcome: "三.二"}, request.StateAnswered, false},
				{request.Withdrawn{Date: day("2026-05-26"), Outcome: "三.七"}, request.StateAnswered, true}, // closed
			}
			for i, st := range steps {
				q, err := s.AppendRequestEvent(ctx, got.ID, request.EventRecord{Event: st.ev, UserID: 7, Why: fmt.Sprintf("第%d步", i)})
				var te *request.TransitionError
				if st.wantErr != (err != nil) || st.wantErr && !errors.As(err, &te) {
					t.Errorf("step %d %s: err = %v, wantErr %v", i, st.ev.Kind(), err, st.wantErr)
				}
				if err == nil && q.State != st.want {
					t.Errorf("step %d %s: state %s, want %s", i, st.ev.Kind(), q.State, st.want)
				}
			}
			final, err := s.Request(ctx, got.ID)
			if err != nil || final.State != request.StateAnswered || final.Outcome != "三.二" || final.Closed != day("2026-05-25") {
				t.Errorf("after answer: %+v, %v", final, err)
			}
			evs, err := s.RequestEvents(ctx, got.ID)
			if err != nil || len(evs) != 5 {
				t.Fatalf("RequestEvents = %d events, %v; want 5", len(evs), err)
			}
			if e, ok := evs[3].Event.(request.Extended); !ok || e.Days != 10 || e.Approver != "李主任" || evs[3].UserID != 7 || evs[3].Why != "第4步" {
				t.Errorf("extension event read back as %+v", evs[3])
			}
			if _, err := s.WriterDB().ExecContext(ctx, "UPDATE request_events SET why = 'x'"); err == nil {
				t.Error("UPDATE of request_events succeeded; want the append-only trigger to refuse")
			}
			if _, err := s.WriterDB().ExecContext(ctx, "DELETE FROM request_events"); err == nil {
				t.Error("DELETE of request_events succeeded; want the append-only trigger to refuse")
			}

			// Two handlers racing to close one request: exactly one wins.
			race, err := s.CreateRequest(ctx, newRequest(town, "RACERACERACE", "2026-04-27"), 0, "")
			if err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			errs := make([]error, 8)
			for i := range errs {
				wg.Go(func() {
					_, errs[i] = s.AppendRequestEvent(ctx, race.ID, request.EventRecord{Event: request.Answered{Date: day("2026-04-28"), Outcome: "三.一"}, UserID: 7})
				})
			}
			wg.Wait()
			wins := 0
			for _, err := range errs {
				if err == nil {
					wins++
				}
			}
			if wins != 1 {
				t.Errorf("racing answers: %d succeeded, want 1 (%v)", wins, errs)
			}

			// A request carried over into 2027, one in another body, a case.
			open, err := s.CreateRequest(ctx, newRequest(town, "OPENOPENOPEN", "2026-12-28"), 0, "")
			if err != nil {
				t.Fatal(err)
			}
			if !open.Due.IsZero() {
				t.Errorf("due of a request running into a year without a calendar = %s, want none yet", open.Due)
			}
			soon, err := s.CreateRequest(ctx, newRequest(town, "SOONSOONSOON", "2026-11-02"), 0, "")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.CreateRequest(ctx, newRequest(other, "ELSEELSEELSE", "2026-05-06"), 0, ""); err != nil {
				t.Fatal(err)
			}
			caseID, err := s.CreateCase(ctx, store.Case{RequestID: got.ID, Kind: "行政复议", Filed: day("2026-06-10")})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.DecideCase(ctx, caseID, day("2027-02-01"), "结果维持"); err != nil {
				t.Fatal(err)
			}
			if err := s.DecideCase(ctx, 999999, day("2027-02-01"), "结果维持"); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("DecideCase missing: %v", err)
			}
			cases, err := s.Cases(ctx, got.ID)
			if err != nil || len(cases) != 1 || cases[0].BodyID != town || cases[0].Decided != day("2027-02-01") {
				t.Errorf("Cases = %+v, %v", cases, err)
			}

			recs, err := s.RequestRecords(ctx, town, 2026)
			if err != nil || len(recs) != 4 {
				t.Fatalf("RequestRecords 2026 = %+v, %v; want 4", recs, err)
			}
			recs27, err := s.RequestRecords(ctx, town, 2027)
			if err != nil || len(recs27) != 2 || recs27[0].Closed != nil {
				t.Errorf("RequestRecords 2027 = %+v, %v; want only the carried-over one", recs27, err)
			}
			cr, err := s.CaseRecords(ctx, town, 2026)
			if err != nil || len(cr) != 1 || cr[0].Decided == nil {
				t.Errorf("CaseRecords 2026 = %+v, %v", cr, err)
			}
			tables, err := request.BuildTables(2026, recs, cr)
			if err != nil {
				t.Fatal(err)
			}
			if n := tables.Three["四"]["总计"].Num; n != 2 {
				t.Errorf("carried out = %v, want 2", n)
			}
			if n := tables.Four["行政复议"]["尚未审结"].Num; n != 1 {
				t.Errorf("pending reconsiderations = %v, want 1", n)
			}

			// 按件计收 counts the applicant's requests in the month: the
			// race request and got (April, same ID number) are 1st and 2nd.
			for _, tc := range []struct {
				q    request.Request
				want int
			}{{got, 1}, {race, 2}, {soon, 1}} {
				month, err := s.ApplicantMonth(ctx, tc.q)
				if n, counted := request.MonthPosition(request.MonthRequest{ID: tc.q.ID, Code: tc.q.Code, Received: tc.q.Received}, month); err != nil || n != tc.want || counted[n-1].Code != tc.q.Code {
					t.Errorf("ApplicantMonth(%s) = %d (%+v), %v; want %d", tc.q.Code, n, month, err, tc.want)
				}
			}
			for _, tc := range []struct {
				f    store.RequestFilter
				want int
			}{
				{store.RequestFilter{}, 4},
				{store.RequestFilter{Status: "open"}, 2},
				{store.RequestFilter{Status: "closed"}, 2},
				// Its 补正 notice falls due first (7 working days from
				// receipt), and counts like the answer deadline.
				{store.RequestFilter{Status: "due-soon", DueBy: soon.SideDue.AddDays(-1)}, 0},
				{store.RequestFilter{Status: "due-soon", DueBy: soon.SideDue}, 1},
				{store.RequestFilter{Status: "due-soon", DueBy: soon.Due}, 1},
				{store.RequestFilter{Status: "due-soon", DueBy: day("2027-12-31")}, 1},
			} {
				list, err := s.RequestsForBody(ctx, town, tc.f)
				if err != nil || len(list) != tc.want {
					t.Errorf("RequestsForBody(%+v) = %d, %v; want %d", tc.f, len(list), err, tc.want)
				}
			}
		})
	}
}

// BenchmarkCreateRequest measures durable submissions per second on
// SQLite: each CreateRequest has committed when it returns.
func BenchmarkCreateRequest(b *testing.B) {
	c := &clock{t: time.Date(2026, 4, 27, 2, 0, 0, 0, time.UTC)}
	s, err := store.Open(context.Background(), b.TempDir()+"/bench.db", store.Options{Now: c.Now})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	town, err := s.CreateBody(ctx, body.Body{Name: "吴城镇人民政府", Kind: body.Township, Slug: "bench-town"})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := s.CreateRequest(ctx, newRequest(town, fmt.Sprintf("B%011d", i), "2026-04-27"), 0, ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "requests/s")
}
