package web

import (
	"strings"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// readPlatformElements reads the platform's policy interpretation
// elements (政策解读要素), one a line; an empty list means the defaults.
// text is returned as typed, to show the form again.
func readPlatformElements(get func(string) string) (text string, els []string, err error) {
	text = get("elements")
	els, err = disclosure.ParseElements(text)
	return text, els, err
}

// readBodyElements reads a body's own interpretation elements. No
// elements (the form's "clear" button, or an empty list) means the body
// has none of its own and follows its parent or the platform: els is
// nil then.
func readBodyElements(get func(string) string) (text string, els []string, err error) {
	text = strings.TrimSpace(get("elements"))
	if get("clear") != "" || text == "" {
		return text, nil, nil
	}
	els, err = disclosure.ParseElements(text)
	return text, els, err
}
