package web

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxTokenName bounds a token's purpose (its name in the list).
const maxTokenName = 60

// parseTokenName reads the purpose a new access token is for; the
// password, when asked for, is checked by the handler against the
// store.
func parseTokenName(get func(string) string) (string, error) {
	name := strings.TrimSpace(get("name"))
	if name == "" || utf8.RuneCountInString(name) > maxTokenName {
		return name, errInvalid(fmt.Sprintf("请为令牌填写用途说明（不超过 %d 个字）。", maxTokenName))
	}
	return name, nil
}
