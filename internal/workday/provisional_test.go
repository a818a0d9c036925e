package workday

import (
	"errors"
	"testing"
)

// TestProvisional: a year without a notice is refused by the calendar
// and counted on weekends alone by its provisional copy, which leaves
// known years exactly as the notices have them (staff may see a
// provisional date counted on weekends alone, labelled 暂定).
func TestProvisional(t *testing.T) {
	cal := Official() // ends with 2026
	prov := cal.Provisional()
	tests := []struct {
		start string
		n     int
		want  string
		known bool
	}{
		{"2026-12-01", 20, "2026-12-29", true},  // wholly inside 2026
		{"2026-12-15", 20, "2027-01-12", false}, // runs into 2027: Mon–Fri only
		{"2026-12-31", 1, "2027-01-01", false},  // 1 January assumed worked until the notice says otherwise
		{"2026-09-26", 20, "2026-10-29", true},  // 2026 国庆 holidays and 10-10 调休 as the notice has them
	}
	for _, tt := range tests {
		got, err := prov.AddWorkdays(MustParse(tt.start), tt.n)
		if err != nil {
			t.Fatalf("provisional AddWorkdays(%s, %d): %v", tt.start, tt.n, err)
		}
		if got.String() != tt.want {
			t.Errorf("provisional AddWorkdays(%s, %d) = %s, want %s", tt.start, tt.n, got, tt.want)
		}
		if cal.Known(got) != tt.known || prov.Known(got) != tt.known {
			t.Errorf("Known(%s) = %v/%v, want %v", got, cal.Known(got), prov.Known(got), tt.known)
		}
		strict, err := cal.AddWorkdays(MustParse(tt.start), tt.n)
		var missing *MissingYearError
		if tt.known && (err != nil || strict != got) {
			t.Errorf("strict AddWorkdays(%s, %d) = %s, %v; provisional %s", tt.start, tt.n, strict, err, got)
		}
		if !tt.known && !errors.As(err, &missing) {
			t.Errorf("strict AddWorkdays(%s, %d) = %s, %v; want a MissingYearError", tt.start, tt.n, strict, err)
		}
	}
	if !cal.Known(MustParse("2018-12-29")) {
		t.Error("2018-12-29 is named by the 2019 notice: known")
	}
}
