package crash

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

const (
	rounds       = 3   // crashes per database
	perRound     = 300 // acknowledgements before the kill
	workers      = 16  // concurrent applicants
	adminPasswd  = "crash-test-admin-password"
	filingPerHr  = "1000000" // -api-filing-limit: every filing comes from 127.0.0.1
	clientTimout = 15 * time.Second
)

// ack is what an applicant keeps after filing: code and secret.
type ack struct{ Code, Secret string }

func TestCrashKeepsAcknowledgedRequests(t *testing.T) {
	if os.Getenv("GONGKAI_CRASH_TEST") != "1" {
		t.Skip("set GONGKAI_CRASH_TEST=1 to build the binary and crash it")
	}
	bin := buildBinary(t)
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		crashAndCheck(t, bin, dir, filepath.Join(dir, "gongkai.db"))
	})
	if server := os.Getenv(storetest.EnvPostgres); server != "" {
		t.Run("postgres", func(t *testing.T) {
			crashAndCheck(t, bin, t.TempDir(), storetest.FreshPostgres(t, server))
		})
	}
}

func crashAndCheck(t *testing.T, bin, dataDir, dbURL string) {
	bodyID := seedBody(t, dbURL)
	env := []string{"GONGKAI_DATA_DIR=" + dataDir, "GONGKAI_DATABASE_URL=" + dbURL,
		"GONGKAI_ADMIN_PASSWORD=" + adminPasswd, "GONGKAI_LOG_FORMAT=json",
		"GONGKAI_API_FILING_LIMIT=" + filingPerHr}
	client := &http.Client{Timeout: clientTimout}

	var acked []ack
	failedAfterKill := 0
	for round := 1; round <= rounds; round++ {
		srv := startServer(t, bin, env)
		got, failed := fileUntilKilled(t, client, srv, bodyID, perRound)
		acked = append(acked, got...)
		failedAfterKill += failed
		t.Logf("round %d: %d acknowledged, then SIGKILL (%d filings in flight failed)", round, len(got), failed)
	}

	srv := startServer(t, bin, env)
	present, missing := lookUp(t, client, srv, acked)
	srv.stop(t)
	rows := countRequests(t, dbURL)

	msg := fmt.Sprintf("crash test (%s): acknowledged=%d present=%d missing=%d rows=%d failed-in-flight=%d crashes=%d",
		dialectOf(dbURL), len(acked), present, len(missing), rows, failedAfterKill, rounds)
	t.Log(msg)
	fmt.Println(msg)
	if len(acked) < rounds*perRound {
		t.Errorf("only %d filings acknowledged, want at least %d", len(acked), rounds*perRound)
	}
	if len(missing) > 0 {
		t.Errorf("%d acknowledged tracking codes are gone after the crash, e.g. %v", len(missing), missing[:min(5, len(missing))])
	}
	if rows < len(acked) {
		t.Errorf("database holds %d requests, fewer than the %d acknowledged", rows, len(acked))
	}
}

// seedBody creates the handling body the applications go to, before the
// server first starts (the store migrates the fresh database).
func seedBody(t *testing.T, dbURL string) int64 {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dbURL, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id, err := st.CreateBody(ctx, body.Body{Name: "吴城镇人民政府", Kind: body.Township, Slug: "crash-town"})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// fileUntilKilled files applications from workers goroutines; once n
// are acknowledged it SIGKILLs the server while filings are in flight.
// It returns the acknowledged ones and how many failed at the crash.
func fileUntilKilled(t *testing.T, client *http.Client, srv *server, bodyID int64, n int) ([]ack, int) {
	var (
		mu     sync.Mutex
		acked  []ack
		failed atomic.Int64
		killed atomic.Bool
		seq    atomic.Int64
		wg     sync.WaitGroup
	)
	reached := make(chan struct{})
	var once sync.Once
	for range workers {
		wg.Go(func() {
			for !killed.Load() {
				a, err := file(client, srv.base, bodyID, int(seq.Add(1)))
				if err != nil {
					if killed.Load() {
						failed.Add(1)
						return
					}
					t.Errorf("filing before the crash failed: %v", err)
					once.Do(func() { close(reached) })
					return
				}
				mu.Lock()
				acked = append(acked, a)
				if len(acked) >= n {
					once.Do(func() { close(reached) })
				}
				mu.Unlock()
			}
		})
	}
	<-reached
	killed.Store(true)
	srv.kill(t)
	wg.Wait()
	return acked, int(failed.Load())
}

// file is one application through the public API; it counts as
// acknowledged only with a 201 carrying the tracking code and secret.
func file(client *http.Client, base string, bodyID int64, i int) (ack, error) {
	in := map[string]any{"body_id": bodyID, "applicant_type": "自然人", "name": "申请人" + strconv.Itoa(i),
		"id_type": "护照", "id_number": fmt.Sprintf("E%08d", i), "email": fmt.Sprintf("a%d@example.cn", i),
		"sought": "2025年吴城镇农村公路养护资金使用情况", "delivery": "电子邮件"}
	b, _ := json.Marshal(in)
	resp, err := client.Post(base+"/api/v1/requests", "application/json", bytes.NewReader(b))
	if err != nil {
		return ack{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return ack{}, err
	}
	if resp.StatusCode != http.StatusCreated {
		return ack{}, fmt.Errorf("POST /api/v1/requests: %s: %s", resp.Status, body)
	}
	var out ack
	if err := json.Unmarshal(body, &out); err != nil || out.Code == "" || out.Secret == "" {
		return ack{}, fmt.Errorf("acknowledgement without code and secret: %s", body)
	}
	return out, nil
}

// lookUp asks the restarted server's status API for every code.
func lookUp(t *testing.T, client *http.Client, srv *server, acked []ack) (int, []string) {
	var (
		mu      sync.Mutex
		present int
		missing []string
		wg      sync.WaitGroup
	)
	next := make(chan ack)
	for range workers {
		wg.Go(func() {
			for a := range next {
				ok, err := status(client, srv.base, a)
				if err != nil {
					t.Errorf("status of %s: %v", a.Code, err)
				}
				mu.Lock()
				if ok {
					present++
				} else {
					missing = append(missing, a.Code)
				}
				mu.Unlock()
			}
		})
	}
	for _, a := range acked {
		next <- a
	}
	close(next)
	wg.Wait()
	return present, missing
}

func status(client *http.Client, base string, a ack) (bool, error) {
	q := url.Values{"code": {a.Code}, "secret": {a.Secret}}
	resp, err := client.Get(base + "/api/v1/requests/status?" + q.Encode())
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	var out struct {
		Code string `json:"code"`
	}
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return false, nil
	case resp.StatusCode != http.StatusOK:
		b, _ := io.ReadAll(resp.Body)
		return false, fmt.Errorf("%s: %s", resp.Status, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return false, err
	}
	return out.Code == a.Code, nil
}

// countRequests counts the rows directly, after the server stopped:
// filings that committed but whose answer the crash cut off are extra.
func countRequests(t *testing.T, dbURL string) int {
	t.Helper()
	st, err := store.Open(context.Background(), dbURL, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int
	if err := st.DB().QueryRow("SELECT count(*) FROM requests").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func dialectOf(dbURL string) string {
	if len(dbURL) > 8 && dbURL[:8] == "postgres" {
		return "postgres"
	}
	return "sqlite"
}
