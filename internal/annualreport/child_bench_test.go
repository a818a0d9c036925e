package annualreport_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/gongkai/gongkai/internal/annualreport"
	"github.com/gongkai/gongkai/internal/parsejail"
)

// TestMain lets this test binary be its own parse child, for the
// benchmarks of the server's out-of-process path.
func TestMain(m *testing.M) {
	parsejail.RunChildIfRequested()
	os.Exit(m.Run())
}

// benchReadCheckChild is benchReadCheck through the parse child, as the
// server reads an upload: a process started, its limits set, the file
// piped in and the report piped back as gob, per report.
func benchReadCheckChild(b *testing.B, pattern string) {
	paths, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil || len(paths) == 0 {
		b.Fatalf("no test documents %s", pattern)
	}
	var docs [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, data)
	}
	j := parsejail.New(parsejail.Config{Workers: 1})
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := j.Parse(ctx, "bench", docs[i%len(docs)])
		if err != nil {
			b.Fatal(err)
		}
		annualreport.Lint(r, nil, annualreport.Options{})
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

func BenchmarkReadCheckChildText(b *testing.B) { benchReadCheckChild(b, "seed/*.txt") }
func BenchmarkReadCheckChildHTML(b *testing.B) { benchReadCheckChild(b, "html/*.html") }
func BenchmarkReadCheckChildDOCX(b *testing.B) { benchReadCheckChild(b, "docx/*.docx") }
func BenchmarkReadCheckChildPDF(b *testing.B)  { benchReadCheckChild(b, "pdf/*.pdf") }
