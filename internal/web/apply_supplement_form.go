package web

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// readSupplementText reads the text of an applicant's 补正 (Art. 30):
// at most maxSupplementText characters, and required when no file comes
// with it (files is how many do). The message is for the text field.
func readSupplementText(get func(string) string, files int) (text, msg string) {
	text = strings.TrimSpace(get("text"))
	switch {
	case utf8.RuneCountInString(text) > maxSupplementText:
		return text, "补正内容不超过 " + strconv.Itoa(maxSupplementText) + " 字。"
	case text == "" && files == 0:
		return text, "请填写补正内容或上传补正材料。"
	}
	return text, ""
}
