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
	for _, tt := range []struct {
		pw string
		ok bool
	}{{"short", false}, {"一二三四五六七八九十", true}, {"123456789", false}, {strings.Repeat("a", 257), false}} {
		if err := CheckPasswordPolicy(tt.pw); (err == nil) != tt.ok {
			t.Errorf("CheckPasswordPolicy(%q) = %v, want ok=%v", tt.pw, err, tt.ok)
		}
	}
}
