package request

import (
	"strings"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/workday"
)

func TestArt31ReceiptDate(t *testing.T) {
	d := workday.MustParse
	facts := ReceiptFacts{
		HandedIn:               d("2025-03-03"),
		SignedFor:              d("2025-03-04"),
		ConfirmedWithApplicant: d("2025-03-05"),
		BothConfirmed:          d("2025-03-06"),
	}
	tests := []struct {
		ch   Channel
		want string
	}{
		{InPerson, "2025-03-03"},
		{RegisteredPost, "2025-03-04"},
		{OrdinaryLetter, "2025-03-05"},
		{Online, "2025-03-06"},
		{Fax, "2025-03-06"},
	}
	for _, tt := range tests {
		got, err := ReceiptDate(tt.ch, facts)
		if err != nil || got.String() != tt.want {
			t.Errorf("ReceiptDate(%s) = %s, %v; want %s", tt.ch, got, err, tt.want)
		}
		// Without the relevant fact there is no receipt date, even when
		// the others are known.
		missing := facts
		switch tt.ch {
		case InPerson:
			missing.HandedIn = workday.Date{}
		case RegisteredPost:
			missing.SignedFor = workday.Date{}
		case OrdinaryLetter:
			missing.ConfirmedWithApplicant = workday.Date{}
		default:
			missing.BothConfirmed = workday.Date{}
		}
		if _, err := ReceiptDate(tt.ch, missing); err == nil || !strings.Contains(err.Error(), "尚未记录") {
			t.Errorf("ReceiptDate(%s) without its date: %v", tt.ch, err)
		}
	}
	if _, err := ReceiptDate("pigeon", facts); err == nil {
		t.Error("unknown channel accepted")
	}
}

// TestArt31OnlineReceiptAtMidnight: an online application's date of
// receipt is the Beijing date of the instant it was stored (Art. 31(3)),
// whatever the zone the instant is written in.
func TestArt31OnlineReceiptAtMidnight(t *testing.T) {
	cst := time.FixedZone("UTC+8", 8*3600)
	tests := []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 3, 31, 23, 59, 59, 999999999, cst), "2026-03-31"},
		{time.Date(2026, 4, 1, 0, 0, 0, 0, cst), "2026-04-01"},
		{time.Date(2026, 3, 31, 15, 59, 59, 0, time.UTC), "2026-03-31"}, // 23:59:59 in Beijing
		{time.Date(2026, 3, 31, 16, 0, 0, 0, time.UTC), "2026-04-01"},   // 00:00:00 in Beijing
		{time.Date(2026, 12, 31, 12, 0, 0, 0, time.FixedZone("PST", -8*3600)), "2027-01-01"},
	}
	for _, tt := range tests {
		if got := OnlineReceiptDate(tt.at); got.String() != tt.want {
			t.Errorf("OnlineReceiptDate(%s) = %s, want %s", tt.at, got, tt.want)
		}
	}
	got, err := ReceiptDate(Forwarded, ReceiptFacts{Arrived: workday.MustParse("2026-04-01")})
	if err != nil || got.String() != "2026-04-01" {
		t.Errorf("forwarded: %s, %v", got, err)
	}
}
