package web

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

// TestSlowBody: with no server-wide read timeout, a client trickling a
// body is cut off once it falls below the minimum rate, while a slow but
// steady client is served.
func TestSlowBody(t *testing.T) {
	e := newTestEnv(t)
	e.srv.bodyLimits = bodyLimits{grace: 200 * time.Millisecond, minRate: 500, maxUpload: 3 * time.Second, maxForm: 3 * time.Second}
	ts := httptest.NewUnstartedServer(e.h)
	ts.Config.ReadHeaderTimeout = 5 * time.Second
	ts.Start()
	defer ts.Close()
	path := "/b/" + e.a.Slug + "/apply"
	form := applyForm(nil).Encode()

	// send writes the request head, then body in chunks every gap, then
	// reads the response; it returns the status (0: connection closed
	// without one) and how long it took.
	send := func(body string, chunk int, gap time.Duration, stallAfter int) (int, time.Duration) {
		conn, err := net.Dial("tcp", ts.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		start := time.Now()
		io.WriteString(conn, "POST "+path+" HTTP/1.1\r\nHost: example.com\r\nOrigin: http://example.com\r\nSec-Fetch-Site: same-origin\r\n"+
			"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "+strconv.Itoa(len(body))+"\r\n\r\n")
		go func() {
			for i := 0; i < len(body); i += chunk {
				if stallAfter > 0 && i >= stallAfter {
					return // hold the connection, send nothing more
				}
				if _, err := io.WriteString(conn, body[i:min(i+chunk, len(body))]); err != nil {
					return
				}
				time.Sleep(gap)
			}
		}()
		conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			return 0, time.Since(start)
		}
		res.Body.Close()
		return res.StatusCode, time.Since(start)
	}

	if code, took := send(form, 50, 50*time.Millisecond, 0); code != http.StatusSeeOther {
		t.Errorf("steady client at 1000 B/s (%d bytes): %d after %s, want 303 (filed)", len(form), code, took)
	}
	code, took := send(form, 10, 10*time.Millisecond, 10)
	if code == http.StatusSeeOther || took > 2*time.Second {
		t.Errorf("stalled client: %d after %s; want refused within the grace", code, took)
	}
}
