// Package notify sends the platform's e-mails (the receipt of a
// disclosure request) through an SMTP server, with net/smtp.
package notify

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/mail"
	"net/smtp"
	"strconv"
	"strings"
	"time"
)

// Message is one plain-text e-mail.
type Message struct {
	To      string
	Subject string
	Body    string
}

// SMTP sends mail through one submission server (port 587 or 25):
// net/smtp's SendMail switches to TLS with STARTTLS when the server
// offers it, and authenticates only when a user is set.
type SMTP struct {
	Host     string
	Port     int
	User     string
	Password string
	From     string
	Timeout  time.Duration // 0: 30 seconds
}

// Configured reports whether a server is set; without one nothing is
// sent and callers skip mail silently.
func (s SMTP) Configured() bool { return s.Host != "" && s.From != "" }

// Send delivers m. It gives up when ctx ends or after Timeout.
func (s SMTP) Send(ctx context.Context, m Message) error {
	if !s.Configured() {
		return errors.New("notify: no SMTP server configured")
	}
	to, err := mail.ParseAddress(m.To)
	if err != nil {
		return fmt.Errorf("notify: recipient %q: %w", m.To, err)
	}
	from, err := mail.ParseAddress(s.From)
	if err != nil {
		return fmt.Errorf("notify: sender %q: %w", s.From, err)
	}
	timeout := s.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	addr := net.JoinHostPort(s.Host, strconv.Itoa(s.Port))
	var auth smtp.Auth
	if s.User != "" {
		auth = smtp.PlainAuth("", s.User, s.Password, s.Host)
	}
	done := make(chan error, 1)
	go func() { done <- smtp.SendMail(addr, auth, from.Address, []string{to.Address}, compose(from, to, m)) }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("notify: send to %s: %w", to.Address, err)
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("notify: send to %s: %w", to.Address, ctx.Err())
	}
}

// compose writes a UTF-8 message with an encoded subject and a base64
// body, so Chinese text survives any relay.
func compose(from, to *mail.Address, m Message) []byte {
	var b strings.Builder
	b.WriteString("From: " + from.String() + "\r\n")
	b.WriteString("To: " + to.String() + "\r\n")
	b.WriteString("Subject: " + mime.BEncoding.Encode("UTF-8", m.Subject) + "\r\n")
	b.WriteString("Date: " + time.Now().Format(time.RFC1123Z) + "\r\n")
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	enc := base64.StdEncoding.EncodeToString([]byte(m.Body))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return []byte(b.String())
}
