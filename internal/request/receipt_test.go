package request

import (
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/workday"
)

func TestReceiptDate(t *testing.T) {
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
