package web

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/internal/body"
)

// overviewColumns are the workbook's columns, in the page's words.
var overviewColumns = []any{"单位", "类别", "报送单位", "状态", "逾期", "公布期限", "期限依据", "首次发布日期",
	"已发布版本", "错误", "警告", "检查日期", "在其他网站发布", "sha256"}

// overviewWorkbook writes the overview's rows as one sheet, streamed so a
// province's five thousand rows stay cheap.
func overviewWorkbook(root body.Body, year int, rows []reportOverviewRow) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "年度报告汇总"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	if err := sw.SetColWidth(1, 1, 32); err != nil {
		return nil, err
	}
	if err := sw.SetColWidth(7, 7, 40); err != nil {
		return nil, err
	}
	title := fmt.Sprintf("%s %d 年度政府信息公开工作年度报告汇总", root.Name, year)
	if err := sw.SetRow("A1", []any{title}); err != nil {
		return nil, err
	}
	if err := sw.SetRow("A2", overviewColumns); err != nil {
		return nil, err
	}
	yes := map[bool]string{true: "是", false: ""}
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+3)
		if err != nil {
			return nil, err
		}
		if err := sw.SetRow(cell, []any{row.Body.Name, row.Kind, row.Reviewer, row.Status.State.Name(), yes[row.Status.Late],
			row.Deadline, row.DeadlineSource, row.Published, row.Version, row.Errors, row.Warnings, row.Checked,
			yes[row.OffPlatform], row.SHA256}); err != nil {
			return nil, err
		}
	}
	return streamedXLSX(f, sw)
}

// streamedXLSX flushes the sheet written through sw and returns the
// workbook's bytes.
func streamedXLSX(f *excelize.File, sw *excelize.StreamWriter) ([]byte, error) {
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// serveDownload sends a file rendered in full, under its Chinese name.
func serveDownload(w http.ResponseWriter, name, contentType string, data []byte) error {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	_, err := w.Write(data)
	return err
}
