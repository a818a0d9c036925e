package idcode

import (
	"strings"
	"testing"
	"time"
)

func TestValidateBodyCode(t *testing.T) {
	tests := []struct {
		code    string
		wantErr string // substring of the error; "" means valid
	}{
		{"11341702486344515H", ""}, // 索引号 front part seen on a government site
		{"91350100M000100Y43", ""},
		{"9144030071526726XG", ""},
		{"91110000802100433B", ""},
		{"11100000000013127D", ""},
		{"000014349", ""}, // 组织机构代码 seen in a 索引号
		{"00001434-9", ""},
		{"11341702486344515J", "校验位错误"},
		{"11341702486344515", "应为18位统一社会信用代码或9位组织机构代码"},
		{"1134170248634451OH", "第17位字符“O”无效"},
		{"11AB1702486344515H", "行政区划代码"},
		{"11341702486344515h", "第18位字符“h”无效"},
		{"000014348", "第9位应为“9”"},
		{"00001434Y", "校验位“Y”无效"},
		{"0000143a9", "第8位字符“a”无效"},
		{"", "实际为0位"},
	}
	for _, tt := range tests {
		err := ValidateBodyCode(tt.code)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("ValidateBodyCode(%q) = %v, want valid", tt.code, err)
		case tt.wantErr != "" && err == nil:
			t.Errorf("ValidateBodyCode(%q) = nil, want error containing %q", tt.code, tt.wantErr)
		case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
			t.Errorf("ValidateBodyCode(%q) = %q, want it to contain %q", tt.code, err, tt.wantErr)
		}
	}
}

func TestValidateResidentID(t *testing.T) {
	today := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		id      string
		wantErr string
	}{
		{"11010519491231002X", ""}, // the example printed in GB 11643
		{"440524188001010014", "超出合理范围"},
		{"110105194912310021", "第18位应为“X”"},
		{"11010519491231002x", "大写“X”"},
		{"110105194902300027", "不是有效日期"},
		{"11010520301231002X", "超出合理范围"},
		{"11010519491231002", "应为18位"},
		{"1101051949123100AX", "第17位应为数字"},
		{"01010519491231002X", "地址码无效"},
	}
	for _, tt := range tests {
		err := ValidateResidentID(tt.id, today)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("ValidateResidentID(%q) = %v, want valid", tt.id, err)
		case tt.wantErr != "" && err == nil:
			t.Errorf("ValidateResidentID(%q) = nil, want error containing %q", tt.id, tt.wantErr)
		case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
			t.Errorf("ValidateResidentID(%q) = %q, want it to contain %q", tt.id, err, tt.wantErr)
		}
	}
}

// TestCheckCharsRoundTrip builds codes from their check functions, so a
// wrong weight table cannot hide behind hand-picked examples alone.
func TestCheckCharsRoundTrip(t *testing.T) {
	for _, first := range []string{"11411330000000000", "12411330MB1739000", "91110108MA01XY3Q2"} {
		code := first + string(USCCCheckChar(first))
		if err := ValidateUSCC(code); err != nil {
			t.Errorf("constructed USCC %s: %v", code, err)
		}
	}
	for _, first := range []string{"00000000", "MA01XY3Q", "41133000"} {
		code := first + string(OrgCodeCheckChar(first))
		if err := ValidateOrgCode(code); err != nil {
			t.Errorf("constructed org code %s: %v", code, err)
		}
	}
}

func FuzzValidate(f *testing.F) {
	for _, s := range []string{"11341702486344515H", "000014349", "11010519491231002X", "", "-", "中文中文中文中文中文中文中文中文中文"} {
		f.Add(s)
	}
	today := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		// Must never panic; a code accepted must also round-trip its check char.
		if ValidateUSCC(s) == nil && USCCCheckChar(s[:17]) != s[17] {
			t.Fatalf("accepted USCC %q with wrong check char", s)
		}
		if ValidateOrgCode(s) == nil && len(s) == 9 && OrgCodeCheckChar(s[:8]) != s[8] {
			t.Fatalf("accepted org code %q with wrong check char", s)
		}
		if ValidateResidentID(s, today) == nil && ResidentIDCheckChar(s[:17]) != s[17] {
			t.Fatalf("accepted ID %q with wrong check char", s)
		}
		_ = ValidateBodyCode(s)
	})
}
