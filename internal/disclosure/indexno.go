package disclosure

import (
	"errors"
	"fmt"
	"strings"
)

// IndexNo formats a newly generated 索引号: the publisher's code, "/",
// the year, "-" and a 5-digit serial (前段/后段, 目录系统实施指引).
func IndexNo(bodyCode string, year, serial int) string {
	return fmt.Sprintf("%s/%04d-%05d", bodyCode, year, serial)
}

// ErrNoBodyCode is returned when a body without an organisation code
// publishes: its 索引号 would not be unique across bodies.
var ErrNoBodyCode = errors.New("本单位未设置机构代码（组织机构代码或统一社会信用代码），无法生成索引号")

// ValidateBodyCode checks a 前段: a 9-character 组织机构代码 or an
// 18-character 统一社会信用代码, digits and upper-case letters.
func ValidateBodyCode(code string) error {
	if len(code) != 9 && len(code) != 18 {
		return fmt.Errorf("机构代码 %q 应为 9 位组织机构代码或 18 位统一社会信用代码", code)
	}
	for _, c := range code {
		if (c < '0' || c > '9') && (c < 'A' || c > 'Z') {
			return fmt.Errorf("机构代码 %q 只能包含数字和大写字母", code)
		}
	}
	return nil
}

// ValidateIndexNo accepts the 索引号 forms seen in the wild, so imported
// records keep theirs: 前段 (see ValidateBodyCode), "/", a year or a
// year and month, "-", and a serial of 5 or 6 digits. Examples:
// 000014349/2018-00222 and 11341702486344515H/202110-00013.
func ValidateIndexNo(s string) error {
	front, back, ok := strings.Cut(s, "/")
	if !ok {
		return fmt.Errorf("索引号 %q 缺少“/”", s)
	}
	if err := ValidateBodyCode(front); err != nil {
		return fmt.Errorf("索引号 %q：%w", s, err)
	}
	period, serial, ok := strings.Cut(back, "-")
	if !ok {
		return fmt.Errorf("索引号 %q 的后段缺少“-”", s)
	}
	if !allDigits(period) || (len(period) != 4 && len(period) != 6) {
		return fmt.Errorf("索引号 %q 的年份应为 4 位年份或 6 位年月", s)
	}
	if y := atoi(period[:4]); y < 1949 || y > 2999 {
		return fmt.Errorf("索引号 %q 的年份不合理", s)
	}
	if len(period) == 6 {
		if m := atoi(period[4:]); m < 1 || m > 12 {
			return fmt.Errorf("索引号 %q 的月份不合理", s)
		}
	}
	if !allDigits(serial) || (len(serial) != 5 && len(serial) != 6) {
		return fmt.Errorf("索引号 %q 的顺序号应为 5 或 6 位数字", s)
	}
	return nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}
