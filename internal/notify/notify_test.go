package notify

import (
	"context"
	"encoding/base64"
	"net/mail"
	"strings"
	"testing"
	"time"
)

func TestCompose(t *testing.T) {
	from := &mail.Address{Name: "吴城镇", Address: "gk@example.gov.cn"}
	to := &mail.Address{Address: "zhang@example.com"}
	body := strings.Repeat("您的申请已收到。", 20)
	msg := string(compose(from, to, Message{Subject: "政府信息公开申请回执", Body: body}, time.Now()))
	head, enc, ok := strings.Cut(msg, "\r\n\r\n")
	if !ok || !strings.Contains(head, "Subject: =?UTF-8?b?") || !strings.Contains(head, "To: <zhang@example.com>") {
		t.Fatalf("headers: %q", head)
	}
	for _, line := range strings.Split(strings.TrimSpace(enc), "\r\n") {
		if len(line) > 76 {
			t.Errorf("body line longer than 76: %d", len(line))
		}
	}
	got, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(strings.TrimSpace(enc), "\r\n", ""))
	if err != nil || string(got) != body {
		t.Errorf("body round trip: %q, %v", got, err)
	}
}

func TestSendRefusesWithoutServer(t *testing.T) {
	for _, s := range []SMTP{{}, {Host: "mail.example.gov.cn"}} {
		if s.Configured() {
			t.Errorf("%+v configured", s)
		}
		if err := s.Send(context.Background(), Message{To: "a@example.com"}); err == nil {
			t.Errorf("%+v: Send succeeded without a server", s)
		}
	}
}
