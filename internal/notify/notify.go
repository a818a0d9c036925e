// Package notify sends the platform's e-mails (the receipt of a
// disclosure request) through an SMTP server. It dials with the
// caller's context, speaks implicit TLS on port 465 and STARTTLS
// wherever the server offers it, and every message carries Date and
// Message-ID headers.
package notify

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"encoding/hex"
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

// SMTP sends mail through one submission server: on port 465 (or with
// ImplicitTLS) the connection is TLS from its first byte; on any other
// port (587, 25) it switches to TLS with STARTTLS when the server offers
// it. It authenticates only when a user is set, and net/smtp's PLAIN
// auth refuses to send a password over an unencrypted connection to
// anything but localhost.
type SMTP struct {
	Host        string
	Port        int
	User        string
	Password    string
	From        string
	Timeout     time.Duration // 0: 30 seconds
	ImplicitTLS bool          // TLS from the start on a port other than 465
	// TLSConfig is the base of the TLS settings (nil: the system's
	// roots); ServerName is always Host.
	TLSConfig *tls.Config
}

// Configured reports whether a server is set; without one nothing is
// sent and callers skip mail silently.
func (s SMTP) Configured() bool { return s.Host != "" && s.From != "" }

func (s SMTP) tlsConfig() *tls.Config {
	c := &tls.Config{MinVersion: tls.VersionTLS12}
	if s.TLSConfig != nil {
		c = s.TLSConfig.Clone()
	}
	c.ServerName = s.Host
	return c
}

// Send delivers m. It gives up when ctx ends or after Timeout, closing
// the connection, so nothing is left behind waiting on the server.
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
	if err := s.send(ctx, from, to, compose(from, to, m, time.Now())); err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("%w (%w)", ctx.Err(), err)
		}
		return fmt.Errorf("notify: send to %s via %s:%d: %w", to.Address, s.Host, s.Port, err)
	}
	return nil
}

func (s SMTP) send(ctx context.Context, from, to *mail.Address, msg []byte) error {
	addr := net.JoinHostPort(s.Host, strconv.Itoa(s.Port))
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	// The context bounds every exchange that follows: when it ends the
	// connection closes and any read or write in progress fails.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		// A moment after the context's end, so that the close above
		// (and with it ctx.Err) comes first and Send reports the
		// deadline rather than a bare i/o timeout.
		_ = conn.SetDeadline(dl.Add(time.Second))
	}
	if s.Port == 465 || s.ImplicitTLS {
		tc := tls.Client(conn, s.tlsConfig())
		if err := tc.HandshakeContext(ctx); err != nil {
			return fmt.Errorf("tls: %w", err)
		}
		conn = tc
	}
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		return err
	}
	defer c.Close()
	if _, isTLS := conn.(*tls.Conn); !isTLS {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(s.tlsConfig()); err != nil {
				return fmt.Errorf("starttls: %w", err)
			}
		}
	}
	if s.User != "" {
		if err := c.Auth(smtp.PlainAuth("", s.User, s.Password, s.Host)); err != nil {
			return fmt.Errorf("auth: %w", err)
		}
	}
	if err := c.Mail(from.Address); err != nil {
		return err
	}
	if err := c.Rcpt(to.Address); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// compose writes a UTF-8 message with an encoded subject and a base64
// body, so Chinese text survives any relay. The Message-ID's right side
// is the sender's domain, as RFC 5322 suggests.
func compose(from, to *mail.Address, m Message, now time.Time) []byte {
	var b strings.Builder
	b.WriteString("From: " + from.String() + "\r\n")
	b.WriteString("To: " + to.String() + "\r\n")
	b.WriteString("Subject: " + mime.BEncoding.Encode("UTF-8", m.Subject) + "\r\n")
	b.WriteString("Date: " + now.Format(time.RFC1123Z) + "\r\n")
	b.WriteString("Message-ID: " + messageID(from.Address, now) + "\r\n")
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	enc := base64.StdEncoding.EncodeToString([]byte(m.Body))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return []byte(b.String())
}

// messageID is <time.random@domain>: unique without coordination.
func messageID(from string, now time.Time) string {
	domain := "localhost"
	if i := strings.LastIndexByte(from, '@'); i >= 0 && i+1 < len(from) {
		domain = from[i+1:]
	}
	r := make([]byte, 12)
	_, _ = rand.Read(r) // crypto/rand.Read never fails on supported platforms
	return "<" + strconv.FormatInt(now.UnixNano(), 36) + "." + hex.EncodeToString(r) + "@" + domain + ">"
}
