package notify

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

// testCert is a self-signed certificate for 127.0.0.1 and the pool that
// trusts it.
func testCert(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(c)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pool
}

// session is what the test server saw of one conversation.
type session struct {
	commands []string
	tls      bool // the message arrived over TLS
	data     string
}

// smtpServer is a minimal SMTP server for the tests: EHLO, optional
// STARTTLS, MAIL, RCPT, DATA, QUIT. implicit: TLS from the first byte.
// silent: it accepts and never answers.
func smtpServer(t *testing.T, cert tls.Certificate, implicit, starttls, silent bool) (int, <-chan session) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	out := make(chan session, 1)
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}}
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		var s session
		defer func() { out <- s }()
		if silent {
			// Wait for the client to give up and close.
			_, err := conn.Read(make([]byte, 1))
			s.commands = append(s.commands, "closed:"+strconv.FormatBool(err != nil))
			return
		}
		if implicit {
			conn = tls.Server(conn, cfg)
			s.tls = true
		}
		rd, w := bufio.NewReader(conn), conn
		reply := func(l string) { w.Write([]byte(l + "\r\n")) }
		reply("220 test ESMTP")
		for {
			line, err := rd.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimRight(line, "\r\n")
			verb := strings.ToUpper(strings.Fields(line + " x")[0])
			s.commands = append(s.commands, verb)
			switch verb {
			case "EHLO":
				if starttls && !s.tls {
					reply("250-test\r\n250 STARTTLS")
				} else {
					reply("250 test")
				}
			case "STARTTLS":
				reply("220 go ahead")
				tc := tls.Server(conn, cfg)
				if err := tc.Handshake(); err != nil {
					return
				}
				conn, s.tls = tc, true
				rd, w = bufio.NewReader(tc), tc
			case "MAIL", "RCPT":
				reply("250 ok")
			case "DATA":
				reply("354 go")
				var b strings.Builder
				for {
					l, err := rd.ReadString('\n')
					if err != nil {
						return
					}
					if l == ".\r\n" {
						break
					}
					b.WriteString(l)
				}
				s.data = b.String()
				reply("250 queued")
			case "QUIT":
				reply("221 bye")
				return
			default:
				reply("502 no")
			}
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port, out
}

// TestSendSMTP: a message reaches a local server in plain text, over
// STARTTLS when offered, and over implicit TLS; it carries Date and
// Message-ID. A server that never answers makes Send return when the
// context ends, with the connection closed.
func TestSendSMTP(t *testing.T) {
	cert, pool := testCert(t)
	tests := []struct {
		name                string
		implicit, starttls  bool
		wantTLS             bool
		wantStartTLSCommand bool
	}{
		{"plain", false, false, false, false},
		{"STARTTLS", false, true, true, true},
		{"implicit TLS", true, false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			port, got := smtpServer(t, cert, tt.implicit, tt.starttls, false)
			s := SMTP{Host: "127.0.0.1", Port: port, From: "公开办 <gk@example.gov.cn>", ImplicitTLS: tt.implicit,
				TLSConfig: &tls.Config{RootCAs: pool}, Timeout: 5 * time.Second}
			if err := s.Send(context.Background(), Message{To: "zhang@example.com", Subject: "回执", Body: "已收到。"}); err != nil {
				t.Fatal(err)
			}
			sess := <-got
			if sess.tls != tt.wantTLS || strings.Contains(strings.Join(sess.commands, " "), "STARTTLS") != tt.wantStartTLSCommand {
				t.Errorf("session: tls %v, commands %v", sess.tls, sess.commands)
			}
			if !strings.Contains(sess.data, "\r\nMessage-ID: <") || !strings.Contains(sess.data, "@example.gov.cn>\r\n") ||
				!strings.Contains(sess.data, "\r\nDate: ") {
				t.Errorf("headers: %q", sess.data)
			}
		})
	}

	t.Run("silent server", func(t *testing.T) {
		port, got := smtpServer(t, cert, false, false, true)
		s := SMTP{Host: "127.0.0.1", Port: port, From: "gk@example.gov.cn", Timeout: time.Minute}
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := s.Send(ctx, Message{To: "zhang@example.com", Subject: "x", Body: "y"})
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 3*time.Second {
			t.Errorf("Send to a silent server: %v after %s", err, time.Since(start))
		}
		select {
		case sess := <-got:
			if len(sess.commands) != 1 || sess.commands[0] != "closed:true" {
				t.Errorf("server saw %v", sess.commands)
			}
		case <-time.After(3 * time.Second):
			t.Error("the connection stayed open after Send returned")
		}
	})
}
