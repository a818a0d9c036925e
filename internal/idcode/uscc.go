// Package idcode checks the identification codes that appear on
// government records: the 统一社会信用代码 of organisations (GB 32100-2015),
// the older 组织机构代码 (GB 11714-1997) and the 居民身份证号码
// (GB 11643-1999). Messages are in Chinese because people read them.
package idcode

import (
	"fmt"
	"strings"
)

// usccCharset is the 31-character alphabet of the 统一社会信用代码: digits
// and capital letters without I, O, Z, S, V (easily confused).
const usccCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// usccWeights are 3^i mod 31 for positions 1–17.
var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// ValidateUSCC checks an 18-character 统一社会信用代码. Lower-case letters
// are rejected rather than folded: the code is printed in capitals on
// every licence, and a lower-case entry is a typing error worth showing.
func ValidateUSCC(code string) error {
	if n := len([]rune(code)); n != 18 {
		return fmt.Errorf("统一社会信用代码应为18位，实际为%d位", n)
	}
	for i, r := range code {
		if !strings.ContainsRune(usccCharset, r) {
			return fmt.Errorf("统一社会信用代码第%d位字符“%c”无效（只能是数字或除I、O、Z、S、V以外的大写字母）", i+1, r)
		}
	}
	// Positions 3–8 are the 行政区划代码 of the registering authority.
	for i := 2; i < 8; i++ {
		if code[i] < '0' || code[i] > '9' {
			return fmt.Errorf("统一社会信用代码第3至8位应为行政区划代码（数字），第%d位为“%c”", i+1, code[i])
		}
	}
	want := USCCCheckChar(code[:17])
	if code[17] != want {
		return fmt.Errorf("统一社会信用代码校验位错误：第18位应为“%c”，实际为“%c”", want, code[17])
	}
	return nil
}

// USCCCheckChar computes the 18th (check) character for the first 17
// characters of a 统一社会信用代码, which must be in the code's charset.
func USCCCheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17 && i < len(first17); i++ {
		sum += strings.IndexByte(usccCharset, first17[i]) * usccWeights[i]
	}
	return usccCharset[(31-sum%31)%31]
}
