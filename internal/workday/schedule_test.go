package workday

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func dates(ss ...string) []Date {
	out := make([]Date, len(ss))
	for i, s := range ss {
		out[i] = MustParse(s)
	}
	return out
}

func TestScheduleValidate(t *testing.T) {
	tests := []struct {
		name    string
		year    int
		s       Schedule
		wantErr string // "" = valid
	}{
		{"ok", 2027, Schedule{Holidays: dates("2027-01-01"), Workdays: dates("2027-01-09")}, ""},
		{"previous December", 2027, Schedule{Holidays: dates("2026-12-31", "2027-01-01"), Workdays: dates("2026-12-26")}, ""},
		{"weekend holiday allowed", 2027, Schedule{Holidays: dates("2027-01-02")}, ""},
		{"no holidays", 2027, Schedule{Workdays: dates("2027-01-09")}, "节假日列表为空"},
		{"too early", 2027, Schedule{Holidays: dates("2026-11-30")}, "不在 2026-12-01 至 2027-12-31 之间"},
		{"next year", 2027, Schedule{Holidays: dates("2028-01-01")}, "不在"},
		{"both", 2027, Schedule{Holidays: dates("2027-01-09"), Workdays: dates("2027-01-09")}, "同时列为节假日和调休上班日"},
		{"duplicate", 2027, Schedule{Holidays: dates("2027-01-01", "2027-01-01")}, "重复"},
		{"weekday workday", 2027, Schedule{Holidays: dates("2027-01-01"), Workdays: dates("2027-01-04")}, "应为周六或周日"},
		{"zero date", 2027, Schedule{Holidays: []Date{{}}}, "空日期"},
		{"bad year", 1, Schedule{Holidays: dates("0001-01-01")}, "年份"},
	}
	for _, tt := range tests {
		err := tt.s.Validate(tt.year)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tt.name, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.wantErr)
		}
		if err := New().AddYear(tt.year, tt.s); (err == nil) != (tt.wantErr == "") {
			t.Errorf("%s: AddYear error %v", tt.name, err)
		}
	}
}

// TestEmbeddedDataValid also documents the decision on "weekday holidays
// only": the verified data lists weekend days inside holiday blocks.
func TestEmbeddedDataValid(t *testing.T) {
	scheds, err := ParseSchedules(officialJSON)
	if err != nil {
		t.Fatal(err)
	}
	weekendHolidays := 0
	for _, s := range scheds {
		for _, d := range s.Holidays {
			if d.Weekday() == 0 || d.Weekday() == 6 {
				weekendHolidays++
			}
		}
	}
	if weekendHolidays == 0 {
		t.Error("expected weekend days inside holiday blocks")
	}
}

func TestParseSchedulesErrors(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{scheduleJSON(2027, nil, nil), ""},
		{`{"2027": {"holidays": ["2027-01-01"], "workdays": []}}`, "缺少春节、清明节、劳动节、端午节、中秋节、国庆节"},
		{`{"2027": {"holidays": ["2027-02-30"]}}`, "无效"},
		{`{"2027": {"holidays": ["2027-01-01"], "extra": 1}}`, "unknown field"},
		{`{"27": {"holidays": ["2027-01-01"]}}`, "不是四位年份"},
		{`{"+027": {"holidays": ["0027-01-01"]}}`, "不是四位年份"},
		{`{"2027": {"holidays": ["2027-01-01"]}} {}`, "多余内容"},
		{`null`, "以年份为键"},
		{`[1]`, "JSON 无效"},
		{`{"2027": {"holidays": ["2026-01-01"]}}`, "不在"},
	} {
		_, err := ParseSchedules([]byte(tt.in))
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.in, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.in, err, tt.want)
		}
	}
}

// scheduleJSON is a year in the holidays-cn.json shape with one day off
// for each of the seven statutory holidays (a complete year, see
// Schedule.Complete) plus the holidays and workdays given.
func scheduleJSON(year int, holidays, workdays []string) string {
	y := strconv.Itoa(year)
	days := []string{y + "-01-01", y + "-02-18", y + "-04-05", y + "-05-01", y + "-06-10", y + "-09-15", y + "-10-01"}
	days = append(days, holidays...)
	q := func(ds []string) string {
		if len(ds) == 0 {
			return ""
		}
		return `"` + strings.Join(ds, `", "`) + `"`
	}
	return `{"` + y + `": {"holidays": [` + q(days) + `], "workdays": [` + q(workdays) + `]}}`
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadDir(t *testing.T) {
	t.Run("missing directory", func(t *testing.T) {
		cal, err := LoadDir(filepath.Join(t.TempDir(), "nope"))
		if err != nil || len(cal.Years()) != 8 {
			t.Fatalf("LoadDir(missing) = %v, %v", cal.Years(), err)
		}
	})
	t.Run("adds and overrides", func(t *testing.T) {
		dir := t.TempDir()
		write(t, dir, "2027.json", scheduleJSON(2027, []string{"2026-12-31"}, []string{"2027-01-09"}))
		// An operator correction of 2026: 2026-03-02 declared a holiday.
		write(t, dir, "2026.json", scheduleJSON(2026, []string{"2026-03-02"}, nil))
		write(t, dir, "README.txt", "not a schedule")
		if err := os.Mkdir(filepath.Join(dir, "old.json"), 0o755); err != nil {
			t.Fatal(err)
		}
		cal, err := LoadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			date string
			kind Kind
		}{
			{"2027-01-04", Workday},
			{"2027-01-09", MakeupWorkday},
			{"2026-12-31", Holiday}, // moved by the 2027 notice
			{"2026-03-02", Holiday},
			{"2026-02-16", Workday}, // the override replaced the whole 2026 schedule
		} {
			if k, err := cal.KindOf(MustParse(tt.date)); err != nil || k != tt.kind {
				t.Errorf("KindOf(%s) = %v, %v; want %v", tt.date, k, err, tt.kind)
			}
		}
	})
	t.Run("invalid file named", func(t *testing.T) {
		dir := t.TempDir()
		write(t, dir, "a.json", scheduleJSON(2027, nil, nil))
		p := write(t, dir, "b.json", scheduleJSON(2028, nil, []string{"2028-01-03"}))
		_, err := LoadDir(dir)
		if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "应为周六或周日") {
			t.Errorf("error %v should name %s and the problem", err, p)
		}
	})
	t.Run("year given twice", func(t *testing.T) {
		dir := t.TempDir()
		a := write(t, dir, "a.json", scheduleJSON(2027, nil, nil))
		b := write(t, dir, "b.json", scheduleJSON(2027, nil, nil))
		_, err := LoadDir(dir)
		if err == nil || !strings.Contains(err.Error(), a) || !strings.Contains(err.Error(), b) {
			t.Errorf("error %v should name both files", err)
		}
	})
	t.Run("not a directory", func(t *testing.T) {
		p := write(t, t.TempDir(), "file", "x")
		if _, err := LoadDir(p); err == nil {
			t.Error("a file as directory accepted")
		}
	})
}

func TestAddJSONAndMarshalRoundTrip(t *testing.T) {
	cal := Official()
	in := scheduleJSON(2027, []string{"2026-12-31"}, []string{"2027-01-09"})
	if err := cal.AddJSON([]byte(in)); err != nil {
		t.Fatal(err)
	}
	s, ok := cal.Schedule(2027)
	if !ok {
		t.Fatal("2027 missing")
	}
	out, err := Marshal(map[int]Schedule{2027: s})
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseSchedules(out)
	if err != nil {
		t.Fatalf("reading back %s: %v", out, err)
	}
	if got := back[2027].Holidays; len(got) != 8 || got[0] != MustParse("2026-12-31") {
		t.Errorf("round trip holidays %v (sorted expected)", got)
	}
	// The whole embedded data survives a round trip unchanged.
	all := map[int]Schedule{}
	off := Official()
	for _, y := range off.Years() {
		all[y], _ = off.Schedule(y)
	}
	b, err := Marshal(all)
	if err != nil {
		t.Fatal(err)
	}
	c2 := New()
	if err := c2.AddJSON(b); err != nil {
		t.Fatal(err)
	}
	eachDay("2018-12-29", "2026-12-31", func(d Date) {
		k1, e1 := off.KindOf(d)
		k2, e2 := c2.KindOf(d)
		if k1 != k2 || (e1 == nil) != (e2 == nil) {
			t.Fatalf("%s: %v/%v vs %v/%v", d, k1, e1, k2, e2)
		}
	})
	if _, err := Marshal(map[int]Schedule{2027: {}}); err == nil {
		t.Error("Marshal of an invalid schedule accepted")
	}
	// A bad value leaves the calendar unchanged.
	if err := cal.AddJSON([]byte(`{"2028": {"holidays": ["2028-01-01"]}, "2029": {"holidays": []}}`)); err == nil {
		t.Error("invalid JSON value accepted")
	}
	var my *MissingYearError
	if _, err := cal.IsWorkday(MustParse("2028-03-01")); !errors.As(err, &my) {
		t.Errorf("partially applied: %v", err)
	}
}

// FuzzParseSchedules: the operator loader never panics, and whatever it
// accepts can be added, written and read back identically.
func FuzzParseSchedules(f *testing.F) {
	f.Add(officialJSON)
	f.Add([]byte(`{"2027": {"holidays": ["2027-01-01"], "workdays": ["2027-01-09"]}}`))
	f.Add([]byte(`{"2027": {"holidays": ["2027-01-01"], "workdays": ["2027-01-09"]}`))
	f.Add([]byte(`{"0000": {}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		scheds, err := ParseSchedules(data)
		if err != nil {
			return
		}
		cal := New()
		for y, s := range scheds {
			if err := cal.AddYear(y, s); err != nil {
				t.Fatalf("accepted schedule rejected by AddYear: %v", err)
			}
		}
		out, err := Marshal(scheds)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		back, err := ParseSchedules(out)
		if err != nil {
			t.Fatalf("re-read: %v\n%s", err, out)
		}
		if len(back) != len(scheds) {
			t.Fatalf("round trip lost years")
		}
	})
}

// TestScheduleCompleteSevenHolidays: a schedule read from JSON (a file in
// the data directory, the embedded data, a year stored in the database)
// must arrange all seven statutory holidays, by the same rule and with
// the same Chinese reason as the console's form: every verified year
// passes (中秋节 merged into 国庆节 in 2020, 2023 and 2025 included), a
// year without 春节 or 国庆节 is refused, and LoadDir refuses such a file.
func TestScheduleCompleteSevenHolidays(t *testing.T) {
	off := Official()
	for _, y := range off.Years() {
		s, _ := off.Schedule(y)
		if err := s.Complete(y); err != nil {
			t.Errorf("verified %d: %v", y, err)
		}
	}
	full, err := ParseSchedules([]byte(scheduleJSON(2027, nil, nil)))
	if err != nil {
		t.Fatal(err)
	}
	without := func(drop string) Schedule {
		s := full[2027].clone()
		s.Holidays = slices.DeleteFunc(s.Holidays, func(d Date) bool { return d == MustParse(drop) })
		return s
	}
	for _, tt := range []struct {
		name    string
		s       Schedule
		missing string
	}{
		{"no 春节", without("2027-02-18"), "春节"},
		{"no 国庆节", without("2027-10-01"), "国庆节"},
		{"no 清明节", without("2027-04-05"), "清明节"},
	} {
		err := tt.s.Complete(2027)
		// The form's rule, for the same year without the same holiday.
		n := NoticeOf(2027, full[2027])
		n.Holidays = slices.DeleteFunc(n.Holidays, func(h NoticeHoliday) bool { return h.Name == tt.missing })
		_, formErr := n.Schedule()
		if err == nil || formErr == nil || err.Error() != formErr.Error() || !strings.Contains(err.Error(), "缺少"+tt.missing) {
			t.Errorf("%s: %v; the form says %v", tt.name, err, formErr)
		}
	}
	merged := full[2027].clone()
	merged.Holidays = slices.DeleteFunc(merged.Holidays, func(d Date) bool { return d == MustParse("2027-09-15") || d == MustParse("2027-10-01") })
	for d := MustParse("2027-10-01"); !d.After(MustParse("2027-10-08")); d = d.AddDays(1) {
		merged.Holidays = append(merged.Holidays, d)
	}
	if err := merged.Complete(2027); err != nil {
		t.Errorf("中秋节 merged into an eight-day 国庆节: %v", err)
	}
	dir := t.TempDir()
	p := write(t, dir, "2027.json", `{"2027": {"holidays": ["2027-01-01", "2027-10-01"], "workdays": []}}`)
	if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "缺少春节") {
		t.Errorf("LoadDir of an incomplete year: %v", err)
	}
}
