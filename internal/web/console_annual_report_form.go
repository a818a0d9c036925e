package web

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/annualreport"
)

// readReportSections reads the text sections of an annual report in
// format f, keyed by section id, line ends as typed in any browser made
// "\n"; each unreadable or overlong section is one message, in the
// format's order.
func readReportSections(get func(string) string, f *annualreport.Format) (map[string]string, []string) {
	texts := map[string]string{}
	var errs []string
	for i, sec := range f.Sections {
		text := strings.TrimSpace(strings.ReplaceAll(get(sectionField(i)), "\r\n", "\n"))
		switch {
		case !utf8.ValidString(text):
			errs = append(errs, fmt.Sprintf("“%s”含有无法识别的字符。", sec.Label))
		case utf8.RuneCountInString(text) > maxSectionRunes:
			errs = append(errs, fmt.Sprintf("“%s”过长（不超过 %d 字）。", sec.Label, maxSectionRunes))
		}
		texts[sec.ID] = text
	}
	return texts, errs
}

// readChangeNote reads the public change note a corrected report
// (version > 1) is submitted with; a first version needs none.
func readChangeNote(get func(string) string, version int) (string, error) {
	note := strings.TrimSpace(get("change_note"))
	if version > 1 {
		switch {
		case note == "":
			return note, errInvalid("更正后的年度报告须填写更正说明（将随报告公开）。")
		case !utf8.ValidString(note) || utf8.RuneCountInString(note) > maxChangeNoteRunes:
			return note, errInvalid(fmt.Sprintf("更正说明过长或含有无法识别的字符（不超过 %d 字）。", maxChangeNoteRunes))
		}
	}
	return note, nil
}

// reportUpload is what the upload form says about a report an
// off-platform body published on its own site (the file aside).
type reportUpload struct {
	Published  string    // the date as typed
	Day        time.Time // Published, read in China time
	ChangeNote string
}

// readReportUpload reads the publication date — not after today, not
// before the report's year — and the change note, which an upload for a
// year that has versions already (versions > 0) needs. The first
// problem is the message.
func readReportUpload(get func(string) string, year, versions int, today time.Time) (reportUpload, string) {
	u := reportUpload{Published: strings.TrimSpace(get("published")), ChangeNote: strings.TrimSpace(get("change_note"))}
	day, err := time.ParseInLocation(time.DateOnly, u.Published, chinaTime)
	if err != nil || day.After(today) || day.Year() < year {
		return u, "请填写该报告在其网站上的发布日期（不晚于今天，不早于报告年度）。"
	}
	u.Day = day
	if versions > 0 && u.ChangeNote == "" {
		return u, "该年度已有上传的报告：请填写更正说明。"
	}
	if !utf8.ValidString(u.ChangeNote) || utf8.RuneCountInString(u.ChangeNote) > maxChangeNoteRunes {
		return u, "更正说明过长或含有无法识别的字符。"
	}
	return u, ""
}
