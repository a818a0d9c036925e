package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/gongkai/gongkai/internal/blob"
	"github.com/gongkai/gongkai/internal/store"
)

// job is a periodic task that must run on one instance at a time.
type job struct {
	name  string
	every time.Duration
	run   func(ctx context.Context) (result string, err error)
	// everyInstance jobs run on each instance without a lease: they
	// refresh this process's memory, not shared data.
	everyInstance bool
}

// jobRunner runs jobs, each guarded by a database lease named after it,
// so with several instances on one database each tick runs once.
type jobRunner struct {
	st     *store.Store
	log    *slog.Logger
	holder string // identifies this process in the leases table
	wg     sync.WaitGroup
	cancel context.CancelFunc
	ctx    context.Context
}

func newJobRunner(st *store.Store, log *slog.Logger) *jobRunner {
	ctx, cancel := context.WithCancel(context.Background())
	return &jobRunner{st: st, log: log, holder: instanceID(), ctx: ctx, cancel: cancel}
}

// instanceID names this process among instances sharing a database:
// host, pid and a random suffix (pids repeat across containers).
func instanceID() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b))
}

// start runs j now and then every j.every until ctx ends or stop.
func (r *jobRunner) start(ctx context.Context, j job) {
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		t := time.NewTicker(j.every)
		defer t.Stop()
		for {
			r.tick(j)
			select {
			case <-ctx.Done():
				return
			case <-r.ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

func (r *jobRunner) tick(j job) {
	// The lease lasts one period: if this instance dies, another takes
	// the job over at the next period.
	if !j.everyInstance {
		got, err := r.st.TryLease(r.ctx, "job:"+j.name, r.holder, j.every)
		if err != nil {
			r.log.Warn("job lease", "job", j.name, "err", err)
			return
		}
		if !got {
			r.log.Debug("job skipped: lease held by another instance", "job", j.name, "holder", r.holder)
			return
		}
	}
	res, err := j.run(r.ctx)
	if err != nil {
		r.log.Warn("job failed", "job", j.name, "holder", r.holder, "err", err)
		return
	}
	if res == "" {
		// Nothing done (a refresh that found nothing new): not worth a
		// line every minute.
		r.log.Debug("job ran", "job", j.name, "holder", r.holder)
		return
	}
	r.log.Info("job ran", "job", j.name, "holder", r.holder, "result", res)
}

// stop ends every job and waits for a running one to finish.
func (r *jobRunner) stop() {
	r.cancel()
	r.wg.Wait()
}

// blobGCAge is how long an attachment nothing references is kept: far
// longer than any upload takes to reach its record.
const blobGCAge = 24 * time.Hour

// blobGCJob removes attachments no record references (a refused form's
// files stored by an older version, a document's replaced attachment),
// once they are a day old, under the lease like every shared job.
func blobGCJob(st *store.Store, sw blob.Sweeper) job {
	return job{name: "blob-gc", every: time.Hour, run: func(ctx context.Context) (string, error) {
		refs, err := st.ReferencedBlobs(ctx)
		if err != nil {
			return "", err
		}
		n, size, err := sw.Sweep(ctx, func(h string) bool { return refs[h] }, time.Now().Add(-blobGCAge))
		if n == 0 {
			return "", err
		}
		return fmt.Sprintf("removed %d unreferenced blobs (%d bytes)", n, size), err
	}}
}
