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

// benchReadCheckChild is benchReadCheck through a Jail, as the server
// reads an upload: the file piped to a kept parse child and the report
// piped back as gob (a child is started once, then serves every file).
func benchReadCheckChild(b *testing.B, patterns ...string) {
	var paths []string
	for _, pattern := range patterns {
		p, err := filepath.Glob(filepath.Join("testdata", pattern))
		if err != nil || len(p) == 0 {
			b.Fatalf("no test documents %s", pattern)
		}
		paths = append(paths, p...)
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

func BenchmarkReadCheckChildText(b *testing.B) {
	// The seed is the demo's copy (patterns are relative to testdata).
	benchReadCheckChild(b, "../../demo/wucheng-2021-annual-report.txt", "fixtures/example-2023-clean.txt")
}
func BenchmarkReadCheckChildHTML(b *testing.B) { benchReadCheckChild(b, "html/*.html") }
func BenchmarkReadCheckChildDOCX(b *testing.B) { benchReadCheckChild(b, "docx/*.docx") }
func BenchmarkReadCheckChildPDF(b *testing.B)  { benchReadCheckChild(b, "pdf/*.pdf") }
