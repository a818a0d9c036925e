package annualreport

import (
	"path"
	"runtime"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/annualreport/hostile"
)

// TestHostileFilesInProcess: the in-process readers survive every
// hostile file of annualreport/hostile — each read ends, with a report or an
// error, within a bounded heap (the server's guarantee is the parse
// child; this is for the fuzzers and anyone calling Read directly).
// The files are the small ones, whose harm does not depend on size,
// and the nested tables at full depth, which overflowed the stack.
func TestHostileFilesInProcess(t *testing.T) {
	files := append(hostile.Files(hostile.Small),
		hostile.File{Name: "nested-full.docx", Data: hostile.NestedTablesDOCX(1_400_000), What: "1.4 million nested tables"})
	for _, f := range files {
		t.Run(f.Name, func(t *testing.T) {
			runtime.GC()
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := Read(f.Name, f.Data)
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			t.Logf("%s (%d bytes, %s): %v", f.Name, len(f.Data), f.What, err)
			if grown := int64(after.HeapSys) - int64(before.HeapSys); grown > 1<<30 {
				t.Errorf("heap grew by %d MB", grown>>20)
			}
		})
	}
}

// TestHostilePDFsRefused: the PDFs whose harm is in their structure are
// refused with the reason, not read into a loop or a 32 GB table.
func TestHostilePDFsRefused(t *testing.T) {
	for _, tc := range []struct {
		data []byte
		want error
	}{
		{hostile.XrefStartPDF(1_000_000_000), errPDFXref},
		{hostile.XrefStartPDF(50_000_000), errPDFXref},
		{hostile.PrevLoopPDF(), errPDFXrefLoop},
		{hostile.SelfFormPDF(200), errPDFTooComplex},
		{hostile.RectBombPDF(maxPDFOps), errPDFTooComplex},
	} {
		if _, err := readPDF(tc.data); err != tc.want {
			t.Errorf("readPDF = %v, want %v", err, tc.want)
		}
	}
	// A page tree that lists itself among its kids is read, once per
	// visit within the bounds, not walked forever.
	if _, err := readPDF(hostile.PageTreeLoopPDF()); err != nil {
		t.Errorf("page tree loop: %v", err)
	}
}

// TestHeavyXLSXRefused: a workbook that inflates past the part limit is
// refused before excelize builds it, with a Chinese reason.
func TestHeavyXLSXRefused(t *testing.T) {
	_, err := readXLSX(hostile.HeavyXLSX(300_000, 10))
	if err == nil || !strings.Contains(err.Error(), "Excel 工作簿解压后超过 64 MB") {
		t.Errorf("err = %v", err)
	}
}

// seedHostile adds the small hostile files with extension ext to a fuzz
// target's corpus.
func seedHostile(f *testing.F, ext string) {
	for _, h := range hostile.Files(hostile.Small) {
		if path.Ext(h.Name) == ext && len(h.Data) <= 64<<10 {
			f.Add(h.Data)
		}
	}
}
