package disclosure

import (
	"testing"
	"time"
)

// TestPeriodAfter: the day a column needs new content by is its last
// update moved by the period, and Before of that day gives the last
// update back.
func TestPeriodAfter(t *testing.T) {
	last := time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		p    Period
		want time.Time
	}{
		{Period{2, 'w'}, time.Date(2026, 3, 19, 9, 0, 0, 0, time.UTC)},
		{Period{6, 'm'}, time.Date(2026, 9, 5, 9, 0, 0, 0, time.UTC)},
		{Period{1, 'y'}, time.Date(2027, 3, 5, 9, 0, 0, 0, time.UTC)},
		{Period{}, time.Time{}},
	} {
		got := tc.p.After(last)
		if !got.Equal(tc.want) {
			t.Errorf("%s.After(%s) = %s, want %s", tc.p, last, got, tc.want)
		}
		if tc.p.N > 0 && !tc.p.Before(got).Equal(last) {
			t.Errorf("%s.Before(After(last)) = %s, want %s", tc.p, tc.p.Before(got), last)
		}
	}
}
