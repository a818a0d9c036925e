package store_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/store"
	"github.com/gongkai/gongkai/internal/store/storetest"
)

// TestReportBatchQueue runs the batch queue of the annual report check
// as two instances on one database: one claim per batch, the lease taken
// over when it runs out and refused to the worker that lost it, files
// read in order with their attempts counted, and the batch gone when it
// expires.
func TestReportBatchQueue(t *testing.T) {
	for _, tg := range storetest.Targets(t, os.Getenv) {
		t.Run(tg.Name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)}
			one, two := openTarget(t, tg, c), openTarget(t, tg, c)
			uid, err := one.CreateUser(ctx, auth.User{Username: "sup", PasswordHash: "x", Created: c.Now()}, nil)
			if err != nil {
				t.Fatal(err)
			}
			id, err := one.CreateReportBatch(ctx, uid, 48*time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []struct {
				name, data, unreadable string
			}{{"甲.txt", "a", ""}, {"乙/丙.pdf", "", "文件超过 20 MB，未读取。"}, {"丁.docx", "d", ""}} {
				var data []byte
				if f.data != "" {
					data = []byte(f.data)
				}
				if err := one.AddReportBatchFile(ctx, id, f.name, data, f.unreadable); err != nil {
					t.Fatal(err)
				}
			}
			// Still uploading: no worker takes it, and it is not listed.
			if _, ok, err := two.ClaimReportBatch(ctx, "two", time.Minute); err != nil || ok {
				t.Fatalf("claimed an uploading batch: %v %v", ok, err)
			}
			if list, _ := one.ReportBatches(ctx, uid); len(list) != 0 {
				t.Errorf("uploading batch listed: %+v", list)
			}
			if err := one.QueueReportBatch(ctx, id, 2023); err != nil {
				t.Fatal(err)
			}
			b, err := two.ReportBatch(ctx, id)
			if err != nil || b.Status != store.BatchQueued || b.Files != 3 || b.Read != 1 || b.Year != 2023 || b.UserID != uid {
				t.Fatalf("queued batch = %+v, %v", b, err)
			}

			if _, ok, err := one.ClaimReportBatch(ctx, "one", time.Minute); err != nil || !ok {
				t.Fatalf("claim by one: %v %v", ok, err)
			}
			if _, ok, err := two.ClaimReportBatch(ctx, "two", time.Minute); err != nil || ok {
				t.Fatalf("a batch claimed twice: %v %v", ok, err)
			}
			f, ok, err := one.NextReportBatchFile(ctx, id, "one", time.Minute)
			if err != nil || !ok || f.Name != "甲.txt" || string(f.Data) != "a" || f.Attempts != 1 {
				t.Fatalf("first file = %+v %v %v", f, ok, err)
			}
			if err := one.SaveReportBatchFile(ctx, id, "one", time.Minute, store.ReportBatchFile{Seq: f.Seq, Report: []byte(`{"r":1}`)}); err != nil {
				t.Fatal(err)
			}
			// one takes the next file, then stops renewing (it died).
			if f, _, _ = one.NextReportBatchFile(ctx, id, "one", time.Minute); f.Name != "丁.docx" || f.Attempts != 1 {
				t.Fatalf("second file = %+v", f)
			}
			if b, _ := two.ReportBatch(ctx, id); b.Read != 2 || b.Status != store.BatchRunning {
				t.Errorf("progress = %d/%d %s, want 2/3 running", b.Read, b.Files, b.Status)
			}
			c.Advance(2 * time.Minute)
			if _, ok, err := two.ClaimReportBatch(ctx, "two", time.Minute); err != nil || !ok {
				t.Fatalf("two did not take over the expired lease: %v %v", ok, err)
			}
			err = one.SaveReportBatchFile(ctx, id, "one", time.Minute, store.ReportBatchFile{Seq: f.Seq, Unreadable: "x"})
			if !errors.Is(err, store.ErrLeaseLost) {
				t.Fatalf("save after the lease was lost: %v, want ErrLeaseLost", err)
			}
			if f, _, _ = two.NextReportBatchFile(ctx, id, "two", time.Minute); f.Name != "丁.docx" || f.Attempts != 2 {
				t.Fatalf("the file one was reading = %+v, want its second attempt", f)
			}
			if err := two.SaveReportBatchFile(ctx, id, "two", time.Minute, store.ReportBatchFile{Seq: f.Seq, Unreadable: "无法读取"}); err != nil {
				t.Fatal(err)
			}
			if _, ok, err := two.NextReportBatchFile(ctx, id, "two", time.Minute); err != nil || ok {
				t.Fatalf("a file left after all were read: %v %v", ok, err)
			}
			files, err := two.ReportBatchFiles(ctx, id)
			if err != nil || len(files) != 3 || string(files[0].Report) != `{"r":1}` || files[1].Unreadable == "" ||
				files[2].Unreadable != "无法读取" || files[0].Data != nil {
				t.Fatalf("files = %+v, %v", files, err)
			}
			if err := one.FinishReportBatch(ctx, id, "one", []byte(`{}`), 24*time.Hour); !errors.Is(err, store.ErrLeaseLost) {
				t.Errorf("finish by the worker that lost the lease: %v", err)
			}
			if err := two.FinishReportBatch(ctx, id, "two", []byte(`{"ok":true}`), 24*time.Hour); err != nil {
				t.Fatal(err)
			}
			b, err = one.ReportBatch(ctx, id)
			if err != nil || b.Status != store.BatchDone || string(b.Result) != `{"ok":true}` || b.Finished == nil ||
				!b.Expires.Equal(c.Now().Add(24*time.Hour)) {
				t.Fatalf("finished batch = %+v, %v", b, err)
			}
			if list, _ := one.ReportBatches(ctx, uid); len(list) != 1 || list[0].ID != id {
				t.Errorf("batches of the uploader = %+v", list)
			}

			c.Advance(23 * time.Hour)
			if n, err := one.DeleteExpiredReportBatches(ctx); err != nil || n != 0 {
				t.Errorf("deleted %d before expiry (%v)", n, err)
			}
			c.Advance(time.Hour)
			if _, err := one.ReportBatch(ctx, id); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("expired batch still found: %v", err)
			}
			if n, err := two.DeleteExpiredReportBatches(ctx); err != nil || n != 1 {
				t.Errorf("deleted %d expired batches (%v), want 1", n, err)
			}
		})
	}
}
