package auth

import (
	"errors"
	"strings"
	"testing"
)

func TestPasswordHashing(t *testing.T) {
	hash, err := HashPassword("正确的密码 horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q is not in PHC argon2id form", hash)
	}
	again, _ := HashPassword("正确的密码 horse battery")
	if again == hash {
		t.Error("two hashes of one password are equal: salt not random")
	}
	tests := []struct {
		name    string
		hash    string
		pw      string
		want    bool
		wantErr error
	}{
		{"right password", hash, "正确的密码 horse battery", true, nil},
		{"wrong password", hash, "正确的密码 horse batterY", false, nil},
		{"empty password", hash, "", false, nil},
		{"not PHC", "plain", "x", false, ErrMalformedHash},
		{"bcrypt", "$2a$10$abcdefghijklmnopqrstuu", "x", false, ErrMalformedHash},
		{"bad params", "$argon2id$v=19$m=0,t=2,p=1$c2FsdA$a2V5", "x", false, ErrMalformedHash},
		{"bad version", "$argon2id$v=16$m=1024,t=1,p=1$c2FsdA$a2V5", "x", false, ErrMalformedHash},
		{"bad salt", "$argon2id$v=19$m=1024,t=1,p=1$!!$a2V5", "x", false, ErrMalformedHash},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckPassword(tt.hash, tt.pw)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("match = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestGeneratePassword(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		pw, err := GeneratePassword()
		if err != nil {
			t.Fatal(err)
		}
		if len(pw) != 16 || strings.ContainsAny(pw, "0O1lI") {
			t.Fatalf("password %q: want 16 unambiguous characters", pw)
		}
		if err := CheckPasswordPolicy(pw); err != nil {
			t.Fatalf("generated password fails policy: %v", err)
		}
		if seen[pw] {
			t.Fatalf("password %q repeated", pw)
		}
		seen[pw] = true
	}
}

func TestCheckPasswordPolicy(t *testing.T) {
	names := []string{"wc-editor", "吴城镇人民政府", "吴城镇", "张三"}
	for _, tt := range []struct {
		pw   string
		ok   bool
		want string // part of the message when refused
	}{
		{"short", false, "至少"},
		{"一二三四五六七八九十", true, ""},
		{"123456789", false, "至少"},
		{strings.Repeat("a", 257), false, "256"},
		{"aaaaaaaaaa", false, "同一个字符"},
		{"··········", false, "同一个字符"},
		{"abcdefghijk", false, "连续"},
		{"9876543210", false, "常见密码"},
		{"1234567890", false, "常见密码"},
		{"password12", false, "常见密码"},
		{"PassWord123", false, "常见密码"},
		{"woaini1314", false, "常见密码"},
		{"qwertyuiop", false, "常见密码"},
		{"Wc-Editor-secret", false, "用户名"},
		{"ｗｃ－ｅｄｉｔｏｒ99x", false, "用户名"},
		{"吴城镇人民政府2026", false, "单位名称"},
		{"我在吴城镇上班好多年了", false, "吴城镇"},
		{"张三的密码很长很长很长", true, ""}, // two-character names forbid nothing
		{"correct-horse-battery", true, ""},
	} {
		err := CheckPasswordPolicy(tt.pw, names...)
		if (err == nil) != tt.ok {
			t.Errorf("CheckPasswordPolicy(%q) = %v, want ok=%v", tt.pw, err, tt.ok)
			continue
		}
		if err != nil && !strings.Contains(err.Error(), tt.want) {
			t.Errorf("CheckPasswordPolicy(%q) = %q, want it to mention %q", tt.pw, err, tt.want)
		}
	}
	if n := len(commonPasswords()); n < 3000 {
		t.Errorf("common-password list has %d entries, want thousands", n)
	}
	for p := range commonPasswords() {
		if len([]rune(p)) < MinPasswordLength || p != strings.ToLower(p) {
			t.Fatalf("list entry %q: shorter than the minimum or not lower case", p)
		}
	}
}

func TestUsernameKey(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"WC-EDITOR", "wc-editor"},
		{"ｗｃ－ｅｄｉｔｏｒ", "wc-editor"},
		{"Kelvin", "kelvin"}, // KELVIN SIGN
		{"Straße", "strasse"},
	} {
		if UsernameKey(tt.a) != UsernameKey(tt.b) {
			t.Errorf("UsernameKey(%q) = %q, UsernameKey(%q) = %q: want equal", tt.a, UsernameKey(tt.a), tt.b, UsernameKey(tt.b))
		}
	}
	if UsernameKey("wc-editor") == UsernameKey("wc-editor2") {
		t.Error("different names share a key")
	}
}
