package idcode

import (
	"fmt"
	"time"
)

// idWeights are 2^(17-i) mod 11 (ISO 7064 MOD 11-2) for positions 1–17.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// idCheckChars maps sum mod 11 to the check character.
const idCheckChars = "10X98765432"

// ValidateResidentID checks an 18-character 居民身份证号码: digits, the
// check character (ISO 7064 MOD 11-2, "X" for ten) and a real birth date
// between 1900-01-01 and today (given, so the check stays pure).
func ValidateResidentID(id string, today time.Time) error {
	if n := len([]rune(id)); n != 18 {
		return fmt.Errorf("身份证号码应为18位，实际为%d位", n)
	}
	for i := 0; i < 17; i++ {
		if id[i] < '0' || id[i] > '9' {
			return fmt.Errorf("身份证号码第%d位应为数字，实际为“%c”", i+1, rune(id[i]))
		}
	}
	if id[0] == '0' || id[0] == '9' {
		return fmt.Errorf("身份证号码前6位地址码无效：“%s”", id[:6])
	}
	birth, err := time.Parse("20060102", id[6:14])
	if err != nil {
		return fmt.Errorf("身份证号码第7至14位出生日期“%s”不是有效日期", id[6:14])
	}
	y, m, d := today.Date()
	if birth.Year() < 1900 || birth.After(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) {
		return fmt.Errorf("身份证号码出生日期“%s”超出合理范围", id[6:14])
	}
	want := ResidentIDCheckChar(id[:17])
	if got := id[17]; got != want {
		if got == 'x' && want == 'X' {
			return fmt.Errorf("身份证号码校验位应使用大写“X”")
		}
		return fmt.Errorf("身份证号码校验位错误：第18位应为“%c”，实际为“%c”", want, rune(got))
	}
	return nil
}

// ResidentIDCheckChar computes the 18th character for 17 digits.
func ResidentIDCheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17 && i < len(first17); i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return idCheckChars[sum%11]
}
