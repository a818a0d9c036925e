package idcode

import (
	"fmt"
	"strings"
)

// orgWeights are the GB 11714 weights for the 8 body characters.
var orgWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}

// ValidateOrgCode checks a 9-character 组织机构代码. The printed form
// "12345678-9" is accepted as well.
func ValidateOrgCode(code string) error {
	if len(code) == 10 && code[8] == '-' {
		code = code[:8] + code[9:]
	}
	if n := len([]rune(code)); n != 9 {
		return fmt.Errorf("组织机构代码应为9位，实际为%d位", n)
	}
	for i := 0; i < 8; i++ {
		if orgValue(code[i]) < 0 {
			return fmt.Errorf("组织机构代码第%d位字符“%c”无效（只能是数字或大写字母）", i+1, rune(code[i]))
		}
	}
	c := code[8]
	if (c < '0' || c > '9') && c != 'X' {
		return fmt.Errorf("组织机构代码校验位“%c”无效（只能是数字或X）", rune(c))
	}
	want := OrgCodeCheckChar(code[:8])
	if c != want {
		return fmt.Errorf("组织机构代码校验位错误：第9位应为“%c”，实际为“%c”", want, c)
	}
	return nil
}

// OrgCodeCheckChar computes the check character for the first 8
// characters of a 组织机构代码 (digits or capital letters).
func OrgCodeCheckChar(first8 string) byte {
	sum := 0
	for i := 0; i < 8 && i < len(first8); i++ {
		sum += orgValue(first8[i]) * orgWeights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}

// orgValue maps 0–9 to 0–9 and A–Z to 10–35; anything else is -1.
func orgValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return -1
}

// ValidateBodyCode accepts either form of organisation identifier used
// as the front part of a 索引号: an 18-character 统一社会信用代码 or a
// 9-character 组织机构代码.
func ValidateBodyCode(code string) error {
	switch n := len([]rune(strings.TrimSpace(code))); {
	case n == 18:
		return ValidateUSCC(code)
	case n == 9 || n == 10 && strings.Contains(code, "-"):
		return ValidateOrgCode(code)
	default:
		return fmt.Errorf("机构代码应为18位统一社会信用代码或9位组织机构代码，实际为%d位", n)
	}
}
