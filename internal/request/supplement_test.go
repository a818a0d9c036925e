package request

import (
	"strings"
	"testing"
)

// TestArt30Art31SupplementReceivedChannel: a supplement received online restarts
// the clock exactly as one recorded by staff, and the explanation names
// the channel; an unknown channel is refused.
func TestArt30Art31SupplementReceivedChannel(t *testing.T) {
	base := []Event{
		Received{d("2025-03-03"), Online},
		SupplementRequested{d("2025-03-05"), d("2025-03-19")},
	}
	online := mustClock(t, append(base, SupplementReceived{Date: d("2025-03-14"), Channel: Online}), settingsAsOf("2025-03-14"))
	plain := mustClock(t, append(base, SupplementReceived{Date: d("2025-03-14")}), settingsAsOf("2025-03-14"))
	if online.Due != plain.Due || online.ClockStart != d("2025-03-14") || online.State != StateAccepted ||
		online.Supplement.Done != d("2025-03-14") {
		t.Errorf("online supplement: due %s start %s state %s; the staff-recorded one: due %s", online.Due,
			online.ClockStart, online.State, plain.Due)
	}
	if online.Due != d("2025-04-14") {
		t.Errorf("due %s, want 2025-04-14", online.Due)
	}
	last := online.Lines[len(online.Lines)-1]
	if !strings.Contains(last, "收到补正材料（网络提交），重新起算") {
		t.Errorf("explanation %q does not name the channel", last)
	}
	if strings.Contains(plain.Lines[len(plain.Lines)-1], "（") {
		t.Errorf("explanation without a channel: %q", plain.Lines[len(plain.Lines)-1])
	}
	_, err := Clock(append(base, SupplementReceived{Date: d("2025-03-14"), Channel: "pigeon"}), cal, settingsAsOf("2025-03-14"))
	if err == nil || !strings.Contains(err.Error(), "unknown channel") {
		t.Errorf("unknown channel: %v", err)
	}
}
