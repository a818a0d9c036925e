package workday

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		ok      bool
		y, m, d int
	}{
		{"2024-02-29", true, 2024, 2, 29},
		{"2000-02-29", true, 2000, 2, 29},
		{"0001-01-01", true, 1, 1, 1},
		{"9999-12-31", true, 9999, 12, 31},
		{"2023-02-29", false, 0, 0, 0},
		{"1900-02-29", false, 0, 0, 0},
		{"2024-04-31", false, 0, 0, 0},
		{"2024-13-01", false, 0, 0, 0},
		{"2024-00-10", false, 0, 0, 0},
		{"0000-01-01", false, 0, 0, 0},
		{"2024-1-01", false, 0, 0, 0},
		{"2024/01/01", false, 0, 0, 0},
		{"2024-01-01 ", false, 0, 0, 0},
		{"+024-01-01", false, 0, 0, 0},
		{"２０２４-01-01", false, 0, 0, 0},
		{"", false, 0, 0, 0},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseDate(%q) error = %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if !tt.ok {
			continue
		}
		if d.Year() != tt.y || int(d.Month()) != tt.m || d.Day() != tt.d {
			t.Errorf("ParseDate(%q) = %d-%d-%d", tt.in, d.Year(), d.Month(), d.Day())
		}
		if d.String() != tt.in {
			t.Errorf("ParseDate(%q).String() = %q", tt.in, d.String())
		}
	}
}

// TestDateAgainstTime checks the serial-day arithmetic against package
// time for every day of several centuries.
func TestDateAgainstTime(t *testing.T) {
	tm := time.Date(1599, 12, 25, 0, 0, 0, 0, time.UTC)
	d := DateOf(tm)
	for i := 0; i < 200*366; i++ {
		if d.Year() != tm.Year() || d.Month() != tm.Month() || d.Day() != tm.Day() || d.Weekday() != tm.Weekday() {
			t.Fatalf("day %d: Date %s %v, time %s %v", i, d, d.Weekday(), tm.Format(time.DateOnly), tm.Weekday())
		}
		if got := DateOf(tm); got != d {
			t.Fatalf("DateOf(%s) = %s, want %s", tm.Format(time.DateOnly), got, d)
		}
		d, tm = d.AddDays(1), tm.AddDate(0, 0, 1)
	}
}

func TestDateOfUsesLocation(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	// 2024-02-09 20:00 UTC is already 2024-02-10 in Beijing.
	instant := time.Date(2024, 2, 9, 20, 0, 0, 0, time.UTC)
	if got := DateOf(instant.In(shanghai)); got != MustParse("2024-02-10") {
		t.Errorf("DateOf in CST = %s", got)
	}
	if got := DateOf(instant); got != MustParse("2024-02-09") {
		t.Errorf("DateOf in UTC = %s", got)
	}
}

func TestDateCompareAndJSON(t *testing.T) {
	a, b := MustParse("2024-12-31"), MustParse("2025-01-01")
	if !a.Before(b) || !b.After(a) || a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Error("comparison wrong")
	}
	if a.DaysUntil(b) != 1 || b.DaysUntil(a) != -1 {
		t.Error("DaysUntil wrong")
	}
	var v struct {
		D Date `json:"d"`
		E Date `json:"e,omitzero"`
	}
	if err := json.Unmarshal([]byte(`{"d":"2025-10-30"}`), &v); err != nil || v.D != MustParse("2025-10-30") {
		t.Fatalf("unmarshal: %v %s", err, v.D)
	}
	out, err := json.Marshal(v)
	if err != nil || string(out) != `{"d":"2025-10-30"}` {
		t.Errorf("marshal = %s, %v", out, err)
	}
	if _, err := json.Marshal(struct{ D Date }{}); err == nil {
		t.Error("marshalling the zero Date should fail")
	}
	if err := json.Unmarshal([]byte(`{"d":"2025-10-32"}`), &v); err == nil {
		t.Error("invalid date accepted")
	}
	if (Date{}).String() != "0000-00-00" || !(Date{}).IsZero() {
		t.Error("zero Date")
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-02-29", "2023-02-29", "0001-01-01", "9999-12-31", "2024-1-1", "", "abcd-ef-gh"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, d.String())
		}
		tm, terr := time.Parse(time.DateOnly, s)
		if terr != nil {
			t.Fatalf("ParseDate accepted %q, time.Parse: %v", s, terr)
		}
		if d.Weekday() != tm.Weekday() {
			t.Fatalf("%s weekday %v, time says %v", s, d.Weekday(), tm.Weekday())
		}
	})
}

func TestToday(t *testing.T) {
	tests := []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 3, 1, 15, 59, 59, 0, time.UTC), "2026-03-01"},
		{time.Date(2026, 3, 1, 16, 0, 0, 0, time.UTC), "2026-03-02"},
		{time.Date(2026, 3, 2, 0, 0, 0, 0, China), "2026-03-02"},
		{time.Date(2026, 3, 1, 23, 30, 0, 0, time.FixedZone("PST", -8*3600)), "2026-03-02"},
	}
	for _, tt := range tests {
		if got := Today(tt.now).String(); got != tt.want {
			t.Errorf("Today(%v) = %s, want %s", tt.now, got, tt.want)
		}
	}
}
