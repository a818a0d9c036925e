package disclosure

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// ErrFixedColumn refuses renaming, moving or retiring one of the
// statutory columns (国办公开办函〔2019〕61号).
var ErrFixedColumn = errors.New("政府信息公开栏目及其四个固定子栏目不能改名、调整顺序或停用")

// StatutorySlug is the slug of 法定主动公开内容, the fixed column under
// which a body files its own disclosure columns.
const StatutorySlug = "statutory"

// CanHoldOwnColumns reports whether a body's own column may be created
// under parent: at the top level (parent nil), under 法定主动公开内容, or
// under another own column. The other fixed columns hold fixed content.
func CanHoldOwnColumns(parent *Column) bool {
	if parent == nil {
		return true
	}
	if parent.Retired {
		return false
	}
	return !parent.Fixed || parent.Slug == StatutorySlug
}

// CheckColumnName returns a Chinese message for an unacceptable name,
// "" when the name will do.
func CheckColumnName(name string) string {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "栏目名称不能为空。"
	case utf8.RuneCountInString(name) > 40:
		return "栏目名称不能超过40字。"
	case name == RootColumnName:
		return "“政府信息公开”是固定栏目名称，请换一个名称。"
	}
	return ""
}

// CheckColumnSlug returns a Chinese message for an unusable URL slug
// ("" is fine: one is generated).
func CheckColumnSlug(slug string) string {
	if slug == "" {
		return ""
	}
	if len(slug) > 40 || strings.Trim(slug, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
		return "网址标识只能使用小写英文字母、数字和连字符，不超过40个字符。"
	}
	return ""
}
