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
	FormatHTML     BodyFormat = "html"
	FormatMarkdown BodyFormat = "markdown"
)

// bodyPolicy is bluemonday's UGC policy: formatting, links, tables and
// images, no scripts, styles or event handlers; plus column widths as
// plain percentages, which a table laid out in the official format (an
// annual report's tables, see annualreport.RenderHTML) needs and which
// carry no script. It is the one policy for document bodies: RenderBody
// applies it to the editor's source and the store to every body it
// writes (SanitizeBody). Safe for concurrent use.
var bodyPolicy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("width").Matching(regexp.MustCompile(`^[0-9]{1,3}(\.[0-9])?%$`)).OnElements("col")
	return p
}()

// SanitizeBody cleans a document body's HTML with the one body policy.
func SanitizeBody(html string) string { return bodyPolicy.Sanitize(html) }

// markdown renders CommonMark with goldmark's defaults, in which raw
// HTML is not passed through; the sanitiser runs afterwards anyway.
var markdown = goldmark.New()

// RenderBody turns the editor's source into the sanitised HTML the
// portal shows.
func RenderBody(f BodyFormat, source string) (string, error) {
	switch f {
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
