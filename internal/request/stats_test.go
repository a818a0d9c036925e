package request

import (
	"reflect"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/workday"
)

func day(s string) workday.Date { return workday.MustParse(s) }

func dayPtr(s string) *workday.Date { d := day(s); return &d }

func rec(received, closed, applicant, outcome string) RequestRecord {
	r := RequestRecord{Received: day(received), Applicant: applicant, Outcome: outcome}
	if closed != "" {
		r.Closed = dayPtr(closed)
	}
	return r
}

func num(t *testing.T, tbl map[string]map[string]annualreport.Cell, row, col string) int {
	t.Helper()
	c, ok := tbl[row][col]
	if !ok {
		t.Fatalf("no cell %s/%s", row, col)
	}
	if c.State != annualreport.Value {
		t.Fatalf("cell %s/%s is not a value: %+v", row, col, c)
	}
	return int(c.Num)
}

func TestArt50BuildTablesCounts(t *testing.T) {
	requests := []RequestRecord{
		rec("2022-12-31", "2023-01-01", "自然人", "三.一"),    // carried in, closed in 2023
		rec("2022-06-01", "2022-12-31", "自然人", "三.一"),    // closed before 2023: nowhere
		rec("2022-11-01", "", "商业企业", ""),                // carried in and out
		rec("2023-01-01", "2023-01-05", "自然人", "三.二"),    // received and closed
		rec("2023-03-01", "2023-03-20", "法律服务机构", "三.六"), // 2019 id in 2021 format → 三.六.3
		rec("2023-12-31", "2024-01-02", "其他", "三.四.1"),   // received, carried out
		rec("2024-01-01", "", "自然人", ""),                 // next year: nowhere
		rec("2023-05-05", "2023-05-08", "科研机构", "三.四.1"), // Art. 36(5): received here, answered 三.四.1
	}
	cases := []CaseRecord{
		{Kind: "行政复议", Filed: day("2022-10-01"), Decided: dayPtr("2023-02-01"), Result: "结果维持"},
		{Kind: "行政复议", Filed: day("2023-10-01"), Decided: dayPtr("2024-02-01"), Result: "结果纠正"},
		{Kind: "行政诉讼/复议后起诉", Filed: day("2021-10-01")},
		{Kind: "行政诉讼/未经复议直接起诉", Filed: day("2022-01-01"), Decided: dayPtr("2022-12-31"), Result: "其他结果"},
		{Kind: "行政诉讼/未经复议直接起诉", Filed: day("2024-01-01")},
	}
	tb, err := BuildTables(2023, requests, cases)
	if err != nil {
		t.Fatal(err)
	}
	three := []struct {
		row, col string
		want     int
	}{
		{"一", "自然人", 1}, {"一", "法律服务机构", 1}, {"一", "其他", 1}, {"一", "科研机构", 1}, {"一", "总计", 4},
		{"二", "自然人", 1}, {"二", "商业企业", 1}, {"二", "总计", 2},
		{"三.一", "自然人", 1}, {"三.二", "自然人", 1}, {"三.六.3", "法律服务机构", 1},
		{"三.四.1", "其他", 0}, {"三.四.1", "科研机构", 1}, {"三.七", "自然人", 2}, {"三.七", "总计", 4},
		{"四", "商业企业", 1}, {"四", "其他", 1}, {"四", "总计", 2},
	}
	for _, c := range three {
		if got := num(t, tb.Three, c.row, c.col); got != c.want {
			t.Errorf("三 %s/%s = %d, want %d", c.row, c.col, got, c.want)
		}
	}
	four := []struct {
		group, col string
		want       int
	}{
		{"行政复议", "结果维持", 1}, {"行政复议", "尚未审结", 1}, {"行政复议", "结果纠正", 0}, {"行政复议", "总计", 2},
		{"行政诉讼/复议后起诉", "尚未审结", 1}, {"行政诉讼/复议后起诉", "总计", 1},
		{"行政诉讼/未经复议直接起诉", "其他结果", 0}, {"行政诉讼/未经复议直接起诉", "总计", 0},
	}
	for _, c := range four {
		if got := num(t, tb.Four, c.group, c.col); got != c.want {
			t.Errorf("四 %s/%s = %d, want %d", c.group, c.col, got, c.want)
		}
	}
	if tb.Two != nil {
		t.Errorf("table 二 should be left empty, got %v", tb.Two)
	}
}

func TestArt50BuildTablesRowsFollowFormat(t *testing.T) {
	for _, year := range []int{2019, 2020, 2021, 2025} {
		f := annualreport.FormatForYear(year)
		tb, err := BuildTables(year, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(tb.Three) != len(f.DataRows()) {
			t.Errorf("%d: %d rows, format has %d data rows", year, len(tb.Three), len(f.DataRows()))
		}
		for _, r := range f.DataRows() {
			if len(tb.Three[r.ID]) != len(f.ThreeColumns()) {
				t.Errorf("%d: row %s has %d columns", year, r.ID, len(tb.Three[r.ID]))
			}
		}
		if len(tb.Four) != len(f.Four.Groups) {
			t.Errorf("%d: %d groups in 四", year, len(tb.Four))
		}
	}
}

func TestArt50BuildTablesMapsOutcomesIntoTheYearsFormat(t *testing.T) {
	requests := []RequestRecord{
		rec("2020-03-01", "2020-03-02", "自然人", "三.六.2"),
		rec("2021-03-01", "2021-03-02", "自然人", "三.六"),
	}
	tb, err := BuildTables(2020, requests, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := num(t, tb.Three, "三.六", "自然人"); got != 1 {
		t.Errorf("2020: 三.六 = %d, want 1", got)
	}
	tb, err = BuildTables(2021, requests, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := num(t, tb.Three, "三.六.3", "自然人"); got != 1 {
		t.Errorf("2021: 三.六.3 = %d, want 1", got)
	}
}

func TestArt50OutcomeInFormat(t *testing.T) {
	f2019, f2021 := annualreport.FormatByID("2019"), annualreport.FormatByID("2021")
	tests := []struct {
		f       *annualreport.Format
		id      string
		want    string
		wantErr bool
	}{
		{f2021, "三.一", "三.一", false},
		{f2019, "三.三.4", "三.三.4", false},
		{f2019, "三.六", "三.六", false},
		{f2019, "三.六.1", "三.六", false},
		{f2019, "三.六.2", "三.六", false},
		{f2019, "三.六.3", "三.六", false},
		{f2021, "三.六", "三.六.3", false},
		{f2021, "三.六.1", "三.六.1", false},
		{f2021, "三.七", "", true}, // the total is not an outcome
		{f2021, "三.三", "", true}, // a group is an outcome in no format
		{f2021, "一", "", true},
		{f2021, "", "", true},
		{nil, "三.一", "", true},
	}
	for _, tt := range tests {
		got, err := OutcomeInFormat(tt.f, tt.id)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("OutcomeInFormat(%v, %q) = %q, %v; want %q (error %v)", tt.f != nil, tt.id, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestArt50CaseColumn(t *testing.T) {
	tests := []struct {
		name   string
		c      CaseRecord
		year   int
		want   string
		wantOK bool
	}{
		{"decided this year", CaseRecord{Filed: day("2023-02-01"), Decided: dayPtr("2023-06-01"), Result: "结果纠正"}, 2023, "结果纠正", true},
		{"filed earlier, decided this year", CaseRecord{Filed: day("2021-02-01"), Decided: dayPtr("2023-01-01"), Result: "结果维持"}, 2023, "结果维持", true},
		{"pending at year end", CaseRecord{Filed: day("2023-02-01")}, 2023, "尚未审结", true},
		{"decided next year", CaseRecord{Filed: day("2023-12-31"), Decided: dayPtr("2024-01-01"), Result: "其他结果"}, 2023, "尚未审结", true},
		{"still pending years later", CaseRecord{Filed: day("2019-02-01")}, 2023, "尚未审结", true},
		{"decided last year", CaseRecord{Filed: day("2022-02-01"), Decided: dayPtr("2022-12-31"), Result: "结果维持"}, 2023, "", false},
		{"filed next year", CaseRecord{Filed: day("2024-01-01")}, 2023, "", false},
	}
	for _, tt := range tests {
		got, ok := CaseColumn(tt.c, tt.year)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("%s: CaseColumn = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestArt50BuildTablesErrors(t *testing.T) {
	tests := []struct {
		name     string
		year     int
		requests []RequestRecord
		cases    []CaseRecord
		want     string
	}{
		{"no format", 2018, nil, nil, "no report format"},
		{"unknown applicant", 2023, []RequestRecord{rec("2023-01-01", "", "个体户", "")}, nil, "unknown applicant"},
		{"total as applicant", 2023, []RequestRecord{rec("2023-01-01", "", "总计", "")}, nil, "unknown applicant"},
		{"closed before received", 2023, []RequestRecord{rec("2023-02-01", "2023-01-01", "自然人", "三.一")}, nil, "closed before received"},
		{"closed without outcome", 2023, []RequestRecord{rec("2023-01-01", "2023-01-02", "自然人", "")}, nil, "without an outcome"},
		{"unknown outcome", 2023, []RequestRecord{rec("2023-01-01", "2023-01-02", "自然人", "三.九")}, nil, "unknown outcome"},
		{"no receipt date", 2023, []RequestRecord{{Applicant: "自然人"}}, nil, "no receipt date"},
		{"unknown case kind", 2023, nil, []CaseRecord{{Kind: "信访", Filed: day("2023-01-01")}}, "unknown case kind"},
		{"unknown case result", 2023, nil, []CaseRecord{{Kind: "行政复议", Filed: day("2023-01-01"), Decided: dayPtr("2023-02-01"), Result: "尚未审结"}}, "unknown case result"},
		{"decided before filed", 2023, nil, []CaseRecord{{Kind: "行政复议", Filed: day("2023-03-01"), Decided: dayPtr("2023-02-01"), Result: "结果维持"}}, "decided before filed"},
	}
	for _, tt := range tests {
		_, err := BuildTables(tt.year, tt.requests, tt.cases)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

func TestArt50BuildReport(t *testing.T) {
	r, err := BuildReport(2020, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Year != 2020 || r.Format != "2019" || r.Tables.Three == nil || r.Tables.Four == nil {
		t.Errorf("BuildReport(2020) = year %d format %q", r.Year, r.Format)
	}
}

// TestArt50RecordOfClock goes from events through the clock to the tables.
func TestArt50RecordOfClock(t *testing.T) {
	s := DefaultSettings()
	s.ValidOutcome = KnownOutcome
	s.AsOf = day("2024-03-01")
	histories := []struct {
		events    []Event
		applicant string
	}{
		{[]Event{Received{day("2023-12-20"), InPerson}, Answered{day("2024-01-10"), "三.四.1"}}, "自然人"},
		{[]Event{Received{day("2023-12-21"), InPerson}, Transferred{day("2023-12-22"), "县自然资源局"}}, "商业企业"},
		{[]Event{Received{day("2023-12-22"), InPerson}}, "其他"},
	}
	var records []RequestRecord
	for _, h := range histories {
		st, err := Clock(h.events, cal, s)
		if err != nil {
			t.Fatal(err)
		}
		records = append(records, RecordOf(st, h.applicant))
	}
	if *records[0].Closed != day("2024-01-10") || records[0].Outcome != "三.四.1" || records[2].Closed != nil ||
		records[1].Outcome != "三.四.1" || *records[1].Closed != day("2023-12-22") {
		t.Fatalf("records = %+v", records)
	}
	for _, c := range []struct {
		year     int
		row, col string
		want     int
	}{
		// The old 转办 counts as received (一) and answered (三.四.1), Art. 36(5).
		{2023, "一", "总计", 3}, {2023, "四", "总计", 2}, {2023, "一", "商业企业", 1}, {2023, "三.四.1", "商业企业", 1},
		{2024, "二", "总计", 2}, {2024, "三.四.1", "自然人", 1}, {2024, "四", "其他", 1},
	} {
		tb, err := BuildTables(c.year, records, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := num(t, tb.Three, c.row, c.col); got != c.want {
			t.Errorf("%d %s/%s = %d, want %d", c.year, c.row, c.col, got, c.want)
		}
	}
	if err := KnownOutcome("三.七"); err == nil {
		t.Error("KnownOutcome accepts the total row")
	}
}

// A grouped record (N) counts as N records alike, so the roll-up's and
// the province's grouped queries give the tables one record per request
// would give.
func TestArt50BuildTablesCountsWeightedRecords(t *testing.T) {
	one := []RequestRecord{
		rec("2022-11-01", "", "商业企业", ""),
		rec("2023-01-01", "2023-01-05", "自然人", "三.二"),
	}
	one = append(one, one[1], one[1], one[0])
	grouped := []RequestRecord{rec("2022-11-01", "", "商业企业", ""), rec("2023-01-01", "2023-01-05", "自然人", "三.二")}
	grouped[0].N, grouped[1].N = 2, 3
	c := CaseRecord{Kind: "行政复议", Filed: day("2023-10-01"), Decided: dayPtr("2023-12-01"), Result: "结果纠正"}
	want, err := BuildTables(2023, one, []CaseRecord{c, c, c, c})
	c.N = 4
	cases := []CaseRecord{c}
	if err != nil {
		t.Fatal(err)
	}
	got, err := BuildTables(2023, grouped, cases)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("grouped records: %v\nwant %v", got, want)
	}
	if n := num(t, got.Three, "三.二", "自然人"); n != 3 {
		t.Errorf("三.二/自然人 = %d, want 3", n)
	}
}
