package workday

import (
	"errors"
	"strings"
	"testing"
)

// TestSpecVectors are the calendar's reference vectors.
func TestSpecVectors(t *testing.T) {
	cal := Official()
	tests := []struct {
		start    string
		n        int
		deadline string
	}{
		{"2020-01-20", 10, "2020-02-11"},
		{"2023-12-29", 5, "2024-01-08"},
		{"2024-04-30", 15, "2024-05-23"},
		{"2025-09-26", 20, "2025-10-30"},
		{"2026-02-10", 20, "2026-03-16"},
		{"2025-09-26", 0, "2025-09-26"},
		{"2025-09-26", 1, "2025-09-28"}, // Sunday 调休上班
	}
	for _, tt := range tests {
		got, err := cal.AddWorkdays(MustParse(tt.start), tt.n)
		if err != nil {
			t.Errorf("AddWorkdays(%s, %d): %v", tt.start, tt.n, err)
			continue
		}
		if got.String() != tt.deadline {
			t.Errorf("AddWorkdays(%s, %d) = %s, want %s", tt.start, tt.n, got, tt.deadline)
		}
		ex, err := cal.Explain(MustParse(tt.start), tt.n)
		if err != nil || ex.Deadline != got {
			t.Errorf("Explain(%s, %d) deadline %s, %v; AddWorkdays %s", tt.start, tt.n, ex.Deadline, err, got)
		}
	}
}

// TestSpecNotes checks the calendar's documented edge cases.
func TestSpecNotes(t *testing.T) {
	cal := Official()
	tests := []struct {
		date string
		kind Kind
	}{
		{"2020-01-31", Holiday}, // extended Spring Festival (Friday)
		{"2020-02-01", Holiday},
		{"2020-02-02", Holiday},
		{"2020-02-03", Workday},
		{"2024-02-09", Workday},       // 除夕 2024 was worked
		{"2025-01-28", Holiday},       // 除夕 2025 is a holiday
		{"2018-12-29", MakeupWorkday}, // moved by the 2019 notice
		{"2018-12-31", Holiday},
		{"2022-12-31", Holiday}, // moved by the 2023 notice (Saturday)
		{"2025-09-28", MakeupWorkday},
		{"2025-09-27", Weekend},
	}
	for _, tt := range tests {
		k, err := cal.KindOf(MustParse(tt.date))
		if err != nil || k != tt.kind {
			t.Errorf("KindOf(%s) = %v, %v; want %v", tt.date, k, err, tt.kind)
		}
	}
	if ok, err := cal.IsWorkday(MustParse("2018-12-29")); !ok || err != nil {
		t.Errorf("IsWorkday(2018-12-29) = %v, %v", ok, err)
	}
}

func TestMissingYear(t *testing.T) {
	cal := Official()
	for _, tt := range []struct {
		date string
		year int
	}{
		{"2027-01-04", 2027},
		{"2018-12-28", 2018}, // 2018 has no schedule; only the days the 2019 notice moved are known
		{"2015-06-01", 2015},
	} {
		_, err := cal.IsWorkday(MustParse(tt.date))
		var my *MissingYearError
		if !errors.As(err, &my) || my.Year != tt.year {
			t.Errorf("IsWorkday(%s) error = %v, want MissingYearError{%d}", tt.date, err, tt.year)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "缺少") || !strings.Contains(msg, "no holiday schedule") {
			t.Errorf("message %q should be Chinese and English", msg)
		}
	}
	// A deadline running into 2027 is refused, not guessed.
	_, err := cal.AddWorkdays(MustParse("2026-12-15"), 20)
	var my *MissingYearError
	if !errors.As(err, &my) || my.Year != 2027 {
		t.Errorf("AddWorkdays into 2027: %v", err)
	}
	// A deadline that ends before the missing year is fine even when
	// the start day itself (never counted) lies in one.
	got, err := cal.AddWorkdays(MustParse("2018-12-28"), 1)
	if err != nil || got != MustParse("2018-12-29") {
		t.Errorf("AddWorkdays(2018-12-28, 1) = %s, %v", got, err)
	}
}

func TestAddWorkdaysBadInput(t *testing.T) {
	cal := Official()
	if _, err := cal.AddWorkdays(MustParse("2024-01-01"), -1); err == nil {
		t.Error("negative n accepted")
	}
	if _, err := cal.AddWorkdays(Date{}, 3); err == nil {
		t.Error("zero start accepted")
	}
}

func TestWorkdaysBetween(t *testing.T) {
	cal := Official()
	tests := []struct {
		from, to string
		want     int
	}{
		{"2025-09-26", "2025-10-30", 20},
		{"2025-10-30", "2025-09-26", -20},
		{"2025-09-26", "2025-09-26", 0},
		{"2025-09-30", "2025-10-08", 0}, // National Day week
		{"2025-10-08", "2025-10-09", 1},
		{"2025-10-09", "2025-10-08", -1},
	}
	for _, tt := range tests {
		got, err := cal.WorkdaysBetween(MustParse(tt.from), MustParse(tt.to))
		if err != nil || got != tt.want {
			t.Errorf("WorkdaysBetween(%s, %s) = %d, %v; want %d", tt.from, tt.to, got, err, tt.want)
		}
	}
}

func TestExplain(t *testing.T) {
	cal := Official()
	ex, err := cal.Explain(MustParse("2024-04-30"), 15)
	if err != nil {
		t.Fatal(err)
	}
	if ex.Deadline != MustParse("2024-05-23") {
		t.Fatalf("deadline %s", ex.Deadline)
	}
	// 2024-05-01…05 holidays (two of them a weekend), 05-11 调休上班 counted, 05-12, 05-18, 05-19 skipped.
	sk := ex.Skipped()
	if sk[Holiday] != 5 || sk[Weekend] != 3 || ex.countedMakeup() != 1 {
		t.Errorf("skipped %v, makeup %d", sk, ex.countedMakeup())
	}
	last := ex.Days[len(ex.Days)-1]
	if last.Ordinal != 15 || last.Date != ex.Deadline {
		t.Errorf("last day %+v", last)
	}
	s := ex.String()
	for _, want := range []string{
		"起算日 2024-04-30 星期二（当日不计），计 15 个工作日",
		"2024-05-01 星期三 法定节假日，不计",
		"2024-05-11 星期六 调休上班，第 6 个工作日",
		"2024-05-12 星期日 周末，不计",
		"期限：2024-05-23 星期四",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("explanation lacks %q:\n%s", want, s)
		}
	}
}

func TestOfficialIsIndependent(t *testing.T) {
	a := Official()
	if err := a.AddYear(2027, Schedule{Holidays: []Date{MustParse("2027-01-01")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := Official().IsWorkday(MustParse("2027-01-04")); err == nil {
		t.Error("adding a year to one calendar changed Official()")
	}
	if ok, err := a.IsWorkday(MustParse("2027-01-04")); err != nil || !ok {
		t.Errorf("2027-01-04 after AddYear: %v %v", ok, err)
	}
	if got := Official().Years(); len(got) != 8 || got[0] != 2019 || got[7] != 2026 {
		t.Errorf("Years() = %v", got)
	}
}

func TestEmptyCalendar(t *testing.T) {
	var my *MissingYearError
	if _, err := New().IsWorkday(MustParse("2024-01-02")); !errors.As(err, &my) {
		t.Errorf("empty calendar: %v", err)
	}
}
