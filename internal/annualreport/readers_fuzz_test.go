package annualreport

import (
	"math/rand"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// seedFuzz adds the small test documents of one form to the corpus. The
// fuzzing engine slows to a crawl with seeds of hundreds of kilobytes
// (the rendered PDFs), so those are left to the ordinary tests.
func seedFuzz(f *testing.F, dir string) {
	f.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", dir, "*."+dir))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) <= 16<<10 {
			f.Add(data)
		}
	}
}

// fuzzReader runs a reader on arbitrary bytes: it must return a Document
// or an error, never panic, and a Document it returns must keep the Grid
// invariant (rectangular rows).
func fuzzReader(t *testing.T, read func([]byte) (Document, error), data []byte) {
	doc, err := read(data)
	if err != nil {
		return
	}
	for _, b := range doc.Blocks {
		if b.Table == nil {
			continue
		}
		for _, row := range b.Table.Rows {
			if len(row) != len(b.Table.Rows[0]) {
				t.Fatalf("ragged grid: %d vs %d columns", len(row), len(b.Table.Rows[0]))
			}
		}
	}
}

func FuzzReadHTML(f *testing.F) {
	seedFuzz(f, "html")
	f.Add([]byte(`<table><tr><td rowspan=0 colspan=99999>x<td rowspan=-3>y</table>`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, readHTML, data) })
}

func FuzzReadDOCX(f *testing.F) {
	seedFuzz(f, "docx")
	seedHostile(f, ".docx")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, readDOCX, data) })
}

func FuzzReadXLSX(f *testing.F) {
	seedFuzz(f, "xlsx")
	seedHostile(f, ".xlsx")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, readXLSX, data) })
}

func FuzzReadPDF(f *testing.F) {
	seedFuzz(f, "pdf")
	seedHostile(f, ".pdf")
	f.Add(imageOnlyPDF())
	f.Add(cidPDF([]pdfTestText{{100, 700, 12, "一、总体情况"}, {110, 650, 10, "行政许可"}, {260, 650, 10, "842"}},
		[][4]float64{{100, 670, 400, 670}, {100, 640, 400, 640}, {100, 640, 100, 670}, {250, 640, 250, 670}, {400, 640, 400, 670}}))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzReader(t, readPDF, data) })
}

// benchReadCheck reads and checks the test documents of one form in turn
// (Read detects the form, the reader builds the Document, Interpret and
// Lint run): the lint command's inner loop, in reports per second.
func benchReadCheck(b *testing.B, dir string) {
	paths, err := filepath.Glob(filepath.Join("testdata", dir, "*."+dir))
	if err != nil || len(paths) == 0 {
		b.Fatalf("no test documents in %s: %v", dir, err)
	}
	var docs [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, data)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := Read(dir, docs[i%len(docs)])
		if err != nil {
			b.Fatal(err)
		}
		Lint(r, nil, Options{})
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
}

func BenchmarkReadCheckHTML(b *testing.B) { benchReadCheck(b, "html") }
func BenchmarkReadCheckDOCX(b *testing.B) { benchReadCheck(b, "docx") }
func BenchmarkReadCheckXLSX(b *testing.B) { benchReadCheck(b, "xlsx") }
func BenchmarkReadCheckPDF(b *testing.B)  { benchReadCheck(b, "pdf") }

// TestReadersSurviveMutations runs every reader on deterministic
// corruptions of the test documents (bytes overwritten, truncation, spans
// inserted), as a quick stand-in for the fuzz targets in ordinary test
// runs: no panic, no hang, rectangular grids.
func TestReadersSurviveMutations(t *testing.T) {
	readers := map[string]func([]byte) (Document, error){"html": readHTML, "docx": readDOCX, "xlsx": readXLSX, "pdf": readPDF}
	for dir, read := range readers {
		paths, err := filepath.Glob(filepath.Join("testdata", dir, "*."+dir))
		if err != nil || len(paths) == 0 {
			t.Fatalf("no test documents in %s", dir)
		}
		rng := rand.New(rand.NewSource(1))
		for i := 0; i < 60; i++ {
			data, err := os.ReadFile(paths[i%len(paths)])
			if err != nil {
				t.Fatal(err)
			}
			m := append([]byte(nil), data...)
			for k := 0; k < 1+rng.Intn(12); k++ {
				j := rng.Intn(len(m))
				switch rng.Intn(3) {
				case 0:
					m[j] = byte(rng.Intn(256))
				case 1:
					m = m[:max(j, 1)]
				case 2:
					m = append(m[:j], append([]byte(`<td rowspan="70" colspan="999">`), m[j:]...)...)
				}
			}
			start := time.Now()
			fuzzReader(t, read, m)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("%s mutation %d took %v", dir, i, d)
			}
		}
	}
}
