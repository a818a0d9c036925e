package disclosure

import (
	"html"
	"regexp"
	"strings"
	"unicode/utf8"
)

// The plain-text body format: what a township editor pastes from Word,
// one paragraph per line, laid out by the conventions of a 公文
// (GB/T 9704《党政机关公文格式》):
//
//   - 主送机关: a short first line ending in a colon (“各村（居）委会：”)
//     starts at the margin;
//   - numbered headings 一、 （一） 1. are headings when they stand on
//     their own line, and bold lead-ins (up to the first 。) when the
//     paragraph goes on after them;
//   - 附件说明: “附件：” and the numbered lines that follow it are kept
//     as one block;
//   - 发文机关署名 and 成文日期: the date line at the end and the short
//     lines just above it are right-aligned; a 附注 in brackets after
//     the date (“（此件公开发布）”) stays below them;
//   - lines holding tabs, as Word pastes a table, become a table.
//
// The classes below are the only ones the sanitiser lets through.
const (
	classAddressee   = "doc-addressee"
	classAttachments = "doc-attachments"
	classSignature   = "doc-signature"
	classNote        = "doc-note"
)

// headingLevels are the 公文 levels of structure, outermost first; each
// pattern matches a line's number and what follows it.
var headingLevels = []struct {
	number *regexp.Regexp
	tag    string
}{
	{regexp.MustCompile(`^[一二三四五六七八九十]{1,3}、`), "h2"},
	{regexp.MustCompile(`^[（(][一二三四五六七八九十]{1,3}[）)]`), "h3"},
	{regexp.MustCompile(`^[0-9０-９]{1,2}[.．、](?:[^0-9０-９]|$)`), "h4"},
}

// dateLine is a 成文日期 in Arabic or Chinese numerals.
var dateLine = regexp.MustCompile(`^[0-9０-９〇零○Ｏ一二三四五六七八九]{4}\s*年\s*[0-9０-９一二三四五六七八九十]{1,2}\s*月\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日$`)

// attachmentLine starts a 附件说明; numberedLine continues one.
var (
	attachmentLine = regexp.MustCompile(`^附\s*件\s*[0-9０-９]*\s*[：:]`)
	numberedLine   = regexp.MustCompile(`^[0-9０-９]{1,2}[.．、]`)
)

const (
	// maxHeadingRunes: a standalone heading is a short line; longer ones
	// are paragraphs that happen to start with a number.
	maxHeadingRunes = 50
	// maxSignatureRunes and maxSignatureLines bound the 署名 block above
	// the date: a body's name (or two, for a joint notice) per line.
	maxSignatureRunes = 40
	maxSignatureLines = 3
)

// textBodyHTML lays out a plain-text body as HTML (before sanitising).
func textBodyHTML(source string) string {
	lines := bodyLines(source)
	var b strings.Builder
	sigStart, noteStart := signatureBlock(lines)
	for i := 0; i < sigStart; {
		line := lines[i]
		switch {
		case strings.Contains(line, "\t"):
			i = writeTable(&b, lines, i, sigStart)
			continue
		case attachmentLine.MatchString(line):
			b.WriteString(`<div class="` + classAttachments + `">`)
			writePara(&b, "", line)
			for i++; i < sigStart && numberedLine.MatchString(lines[i]); i++ {
				writePara(&b, "", lines[i])
			}
			b.WriteString("</div>")
			continue
		case i == 0 && isAddressee(line):
			writePara(&b, classAddressee, line)
		default:
			writeLine(&b, line)
		}
		i++
	}
	if sigStart < len(lines) {
		b.WriteString(`<div class="` + classSignature + `">`)
		for _, line := range lines[sigStart:noteStart] {
			writePara(&b, "", line)
		}
		b.WriteString("</div>")
		for _, line := range lines[noteStart:] {
			writePara(&b, classNote, line)
		}
	}
	return b.String()
}

// bodyLines splits the source into its non-blank lines, trimmed of the
// spaces (ASCII and full-width) Word uses for indenting and aligning.
func bodyLines(source string) []string {
	source = strings.TrimPrefix(source, "\ufeff")
	source = strings.ReplaceAll(source, "\r\n", "\n")
	source = strings.ReplaceAll(source, "\r", "\n")
	var lines []string
	for line := range strings.SplitSeq(source, "\n") {
		line = strings.Trim(line, " \u3000\u00a0\v\f")
		if strings.Trim(line, "\t") != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// signatureBlock finds the 署名 and 成文日期 at the end: it returns where
// the block starts and where the 附注 after the date start; both are
// len(lines) when there is no date at the end.
func signatureBlock(lines []string) (start, notes int) {
	n := len(lines)
	notes = n
	for notes > 0 && isNote(lines[notes-1]) {
		notes--
	}
	if notes == 0 || !dateLine.MatchString(compact(lines[notes-1])) {
		return n, n
	}
	start = notes - 1
	for start > 0 && notes-start <= maxSignatureLines && isSignatureLine(lines[start-1]) {
		start--
	}
	return start, notes
}

// compact removes the spaces Word puts inside a date (“2026年 3月 5日”).
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' || r == '\t' {
			return -1
		}
		return r
	}, s)
}

func isSignatureLine(line string) bool {
	if utf8.RuneCountInString(line) > maxSignatureRunes || strings.ContainsRune(line, '\t') ||
		endsSentence(line) || attachmentLine.MatchString(line) || numberedLine.MatchString(line) {
		return false
	}
	for _, l := range headingLevels {
		if l.number.MatchString(line) {
			return false
		}
	}
	return true
}

// isNote: a 附注 is wholly in brackets, “（此件公开发布）”.
func isNote(line string) bool {
	return (strings.HasPrefix(line, "（") && strings.HasSuffix(line, "）")) ||
		(strings.HasPrefix(line, "(") && strings.HasSuffix(line, ")"))
}

func isAddressee(line string) bool {
	return (strings.HasSuffix(line, "：") || strings.HasSuffix(line, ":")) && utf8.RuneCountInString(line) <= 80
}

func endsSentence(line string) bool {
	last, _ := utf8.DecodeLastRuneInString(line)
	return strings.ContainsRune("。；，、：:;,.!?！？", last)
}

// writeLine writes an ordinary line: a heading, a paragraph with a bold
// lead-in, or a plain paragraph.
func writeLine(b *strings.Builder, line string) {
	for _, l := range headingLevels {
		if !l.number.MatchString(line) {
			continue
		}
		if lead, rest, ok := strings.Cut(line, "。"); ok && rest != "" {
			b.WriteString("<p><strong>" + html.EscapeString(lead) + "。</strong>" + html.EscapeString(rest) + "</p>")
			return
		}
		if utf8.RuneCountInString(line) <= maxHeadingRunes && !endsSentence(line) {
			b.WriteString("<" + l.tag + ">" + html.EscapeString(line) + "</" + l.tag + ">")
			return
		}
		break
	}
	writePara(b, "", line)
}

func writePara(b *strings.Builder, class, line string) {
	if class != "" {
		b.WriteString(`<p class="` + class + `">`)
	} else {
		b.WriteString("<p>")
	}
	b.WriteString(html.EscapeString(line))
	b.WriteString("</p>")
}

// writeTable writes the run of tab-separated lines from i as a table,
// its first line the header row, and returns where the run ends.
func writeTable(b *strings.Builder, lines []string, i, end int) int {
	b.WriteString("<table>")
	for first := true; i < end && strings.Contains(lines[i], "\t"); i++ {
		cell, row := "td", "<tr>"
		if first {
			cell = "th"
			b.WriteString("<thead>")
		}
		b.WriteString(row)
		for c := range strings.SplitSeq(lines[i], "\t") {
			open := "<" + cell + ">"
			if first {
				open = `<th scope="col">`
			}
			b.WriteString(open + html.EscapeString(strings.Trim(c, " \u3000")) + "</" + cell + ">")
		}
		b.WriteString("</tr>")
		if first {
			b.WriteString("</thead><tbody>")
			first = false
		}
	}
	b.WriteString("</tbody></table>")
	return i
}
