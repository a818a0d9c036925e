package annualreport

import (
	"os"
	"path/filepath"
	"testing"
)

// TestLayoutVariantsReadBack is the layout property test: one report
// model rendered through every generated layout variant reads back to the
// same model (header, sections, every table cell in its state) with no
// reading findings.
func TestLayoutVariantsReadBack(t *testing.T) {
	for _, src := range []string{"html/example-2023-clean.html", "html/beishan-2020-trial.html"} {
		want := interpretFile(t, filepath.Join("testdata", src))
		for _, v := range pdfVariants {
			t.Run(filepath.Base(src)+"/pdf-"+v.name, func(t *testing.T) {
				data := renderLayoutPDF(want, v)
				if os.Getenv("GONGKAI_WRITE_LAYOUTS") != "" {
					os.WriteFile(filepath.Join(os.TempDir(), filepath.Base(src)+"-"+v.name+".pdf"), data, 0o644)
				}
				doc, err := readPDF(data)
				if err != nil {
					t.Fatal(err)
				}
				got, err := Interpret(doc)
				if err != nil {
					t.Fatal(err)
				}
				sameReading(t, want, got)
			})
		}
	}
}

// sameReading is sameModel with no reading findings allowed.
func sameReading(t *testing.T, want, got *Report) {
	t.Helper()
	sameModel(t, want, got)
	for _, f := range got.Findings {
		t.Errorf("reads with finding %s: %s", f.Rule, f.Message)
	}
}
