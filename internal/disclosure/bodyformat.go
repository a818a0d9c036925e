package disclosure

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
)

// BodyFormat is how the editor wrote a document's body.
type BodyFormat string

const (
	// FormatText is plain text, one paragraph per line, laid out by the
	// conventions of a 公文 (bodytext.go); the default for new documents.
	FormatText     BodyFormat = "text"
	FormatHTML     BodyFormat = "html"
	FormatMarkdown BodyFormat = "markdown"
)

// Valid reports whether f is a format RenderBody knows.
func (f BodyFormat) Valid() bool {
	return f == FormatText || f == FormatHTML || f == FormatMarkdown
}

// bodyPolicy is bluemonday's UGC policy: formatting, links, tables and
// images, no scripts, styles or event handlers; plus column widths as
// plain percentages, which a table laid out in the official format (an
// annual report's tables, see annualreport.RenderHTML) needs and which
// carry no script; plus the few classes of the plain-text layout (a
// right-aligned 署名 and date, a 附件说明 block), which the site's style
// sheet knows and nothing else does. Safe for concurrent use. It is the
// only body policy: the store sanitises with it too (SanitizeBody).
var bodyPolicy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("width").Matching(regexp.MustCompile(`^[0-9]{1,3}(\.[0-9])?%$`)).OnElements("col")
	p.AllowAttrs("class").Matching(regexp.MustCompile(
		`^(`+classAddressee+`|`+classAttachments+`|`+classSignature+`|`+classNote+`)$`)).OnElements("p", "div")
	return p
}()

// SanitizeBody applies the body policy to HTML from anywhere (an import,
// a converted Word file): what every stored body goes through.
func SanitizeBody(html string) string { return bodyPolicy.Sanitize(html) }

// markdown renders CommonMark with goldmark's defaults, in which raw
// HTML is not passed through; the sanitiser runs afterwards anyway.
var markdown = goldmark.New()

// RenderBody turns the editor's source into the sanitised HTML the
// portal shows.
func RenderBody(f BodyFormat, source string) (string, error) {
	switch f {
	case FormatText:
		return bodyPolicy.Sanitize(textBodyHTML(source)), nil
	case FormatMarkdown:
		var buf bytes.Buffer
		if err := markdown.Convert([]byte(source), &buf); err != nil {
			return "", fmt.Errorf("disclosure: markdown: %w", err)
		}
		return bodyPolicy.Sanitize(buf.String()), nil
	case FormatHTML, "":
		return bodyPolicy.Sanitize(source), nil
	}
	return "", fmt.Errorf("disclosure: unknown body format %q", f)
}
