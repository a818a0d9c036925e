package web

import (
	"archive/zip"
	"fmt"
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// A county sends its reports as one .zip: folders per township, names
// in GBK when made by the Windows shell or older archivers (which leave
// the UTF-8 flag unset). A zip is also the oldest trick against a server
// that unpacks uploads, so every limit below is checked against what is
// actually inflated, not only what the archive claims.
const (
	reportBatchMaxFiles = 1000 // reports in one batch, zips unpacked
	reportZipMaxEntries = 5000 // entries of any kind (folders, skipped files) in one zip
	// reportBatchMaxUnpacked bounds the files of one batch as stored,
	// after unpacking.
	reportBatchMaxUnpacked = 1 << 30
	// reportZipMaxRatio is the largest inflation allowed of an entry
	// above reportZipRatioFloor: office files and PDFs are compressed
	// already, text and HTML inflate ten or twenty times; a zip bomb a
	// thousand times and more.
	reportZipMaxRatio   = 100
	reportZipRatioFloor = 1 << 20
)

// batchBudget counts what a batch has taken so far, across all its
// uploads: plain files and the entries of every zip.
type batchBudget struct {
	files    int   // reports accepted
	over     int   // reports past reportBatchMaxFiles, only counted
	unpacked int64 // bytes stored
}

// take counts one report of n bytes; false when the batch is full (the
// report is counted for the message and dropped).
func (b *batchBudget) take(n int) (bool, error) {
	if b.files >= reportBatchMaxFiles {
		b.over++
		return false, nil
	}
	b.unpacked += int64(n)
	if b.unpacked > reportBatchMaxUnpacked {
		return false, &reportUploadError{status: http.StatusRequestEntityTooLarge,
			msg: "上传的报告解压后合计超过 " + strconv.Itoa(reportBatchMaxUnpacked>>30) + " GB。请分批上传。"}
	}
	b.files++
	return true, nil
}

// addFunc receives each report of an upload: its name and bytes, or why
// it was not read (unreadable set, data nil).
type addFunc func(name string, data []byte, unreadable string) error

// errZipBomb refuses a batch whose zip inflates beyond reason.
func errZipBomb(zipName, entry string) error {
	return &reportUploadError{status: http.StatusUnprocessableEntity, msg: fmt.Sprintf(
		"压缩包“%s”中的“%s”解压后超过压缩前的 %d 倍，疑似“压缩炸弹”，整批未予接收。请直接上传报告文件，或检查压缩包是否完好。",
		zipName, entry, reportZipMaxRatio)}
}

// readReportZip passes each report file of the zip to add, with its path
// inside the zip as its name. Folders and the litter of archivers
// (__MACOSX, .DS_Store, Thumbs.db) are skipped; a zip inside the zip is a
// row of its own, not unpacked, so no recursion can be built.
func readReportZip(zipName string, ra io.ReaderAt, size int64, budget *batchBudget, add addFunc) error {
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return &reportUploadError{status: http.StatusUnprocessableEntity, cause: err,
			msg: "压缩包“" + zipName + "”无法打开，可能已损坏或不是 zip 格式。请重新压缩后上传。"}
	}
	if len(zr.File) > reportZipMaxEntries {
		return &reportUploadError{status: http.StatusRequestEntityTooLarge, msg: fmt.Sprintf("压缩包“%s”中有 %d 个条目，超过 %d 个的上限。请分批上传。",
			zipName, len(zr.File), reportZipMaxEntries)}
	}
	for _, f := range zr.File {
		name := zipEntryName(f)
		if f.FileInfo().IsDir() || zipLitter(name) {
			continue
		}
		if f.UncompressedSize64 > reportZipRatioFloor && f.CompressedSize64 > 0 &&
			f.UncompressedSize64/f.CompressedSize64 > reportZipMaxRatio {
			return errZipBomb(zipName, name)
		}
		unreadable := ""
		switch {
		case strings.EqualFold(path.Ext(name), ".zip"):
			unreadable = "压缩包中的压缩包不展开，请解压后上传其中的报告。"
		case f.UncompressedSize64 > reportCheckMaxFile:
			unreadable = fileTooLarge()
		}
		var data []byte
		if unreadable == "" {
			data, err = readZipEntry(zipName, name, f)
			if err != nil {
				return err
			}
			if len(data) > reportCheckMaxFile {
				data, unreadable = nil, fileTooLarge()
			}
		}
		ok, err := budget.take(len(data))
		if err != nil {
			return err
		}
		if ok {
			if err := add(name, data, unreadable); err != nil {
				return err
			}
		}
	}
	return nil
}

// readZipEntry inflates one entry, never more than a report may hold nor
// more than the ratio allows, whatever its header says.
func readZipEntry(zipName, name string, f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, zipEntryBroken(zipName, name, err)
	}
	defer rc.Close()
	limit := int64(reportCheckMaxFile + 1)
	if byRatio := int64(f.CompressedSize64)*reportZipMaxRatio + reportZipRatioFloor; byRatio < limit {
		limit = byRatio
	}
	data, err := io.ReadAll(io.LimitReader(rc, limit))
	if err != nil {
		return nil, zipEntryBroken(zipName, name, err)
	}
	if int64(len(data)) == limit && limit <= reportCheckMaxFile {
		return nil, errZipBomb(zipName, name)
	}
	return data, nil
}

func zipEntryBroken(zipName, name string, err error) error {
	return &reportUploadError{status: http.StatusUnprocessableEntity, cause: err,
		msg: "压缩包“" + zipName + "”中的“" + name + "”无法解压，压缩包可能已损坏。请重新压缩后上传。"}
}

func fileTooLarge() string {
	return "文件超过 " + strconv.Itoa(reportCheckMaxFile>>20) + " MB，未读取。"
}

// zipEntryName is an entry's path in UTF-8. Without the UTF-8 flag the
// name is in the archiver's code page, for Chinese Windows GBK; a name
// that is valid UTF-8 all the same was written by an archiver that left
// the flag off (macOS), and is kept.
func zipEntryName(f *zip.File) string {
	name := f.Name
	if f.Flags&0x800 == 0 && !utf8.ValidString(name) {
		if dec, err := simplifiedchinese.GB18030.NewDecoder().String(name); err == nil {
			name = dec
		}
	}
	name = strings.ReplaceAll(name, "\\", "/")
	return strings.TrimPrefix(path.Clean("/"+name), "/")
}

// zipLitter: files archivers add that are not anyone's report.
func zipLitter(name string) bool {
	base := path.Base(name)
	return strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(base, "._") ||
		base == ".DS_Store" || strings.EqualFold(base, "Thumbs.db") || strings.EqualFold(base, "desktop.ini")
}

// isZipUpload tells a zip of reports from a report by its name: a .docx
// or .xlsx report is a zip too.
func isZipUpload(name string) bool {
	return strings.EqualFold(path.Ext(name), ".zip")
}
