package auth

import (
	"strconv"
	"strings"
	"sync"
)

// commonPasswords is the list of passwords people pick first, which
// guessing tools try first: several thousand entries of ten or more
// characters (shorter ones fail the length rule anyway), all lower case.
// It is generated here from the patterns behind published leak
// statistics (keyboard walks, digit runs, English and pinyin words and
// names, the platform's own vocabulary, each with the usual number and
// symbol endings) rather than copied from a third-party list, so it
// carries no licence of its own; it is part of this code.
var commonPasswords = sync.OnceValue(func() map[string]bool {
	bases := []string{
		// English words and defaults.
		"password", "passw0rd", "p@ssw0rd", "p@ssword", "pass", "admin", "administrator", "root", "login",
		"welcome", "letmein", "changeme", "default", "secret", "master", "manager", "system", "service",
		"computer", "internet", "office", "test", "guest", "user", "demo", "hello", "iloveyou", "monkey",
		"dragon", "sunshine", "princess", "football", "baseball", "superman", "batman", "shadow", "trustno1",
		"michael", "jennifer", "charlie", "freedom", "whatever", "qwerty", "qwertyuiop", "asdfgh",
		"asdfghjkl", "zxcvbn", "zxcvbnm", "qazwsx", "qweasd", "qweasdzxc", "1qaz2wsx", "1q2w3e4r",
		"1q2w3e4r5t", "zaq12wsx", "abc", "abcd", "abcde", "abcdef", "abcdefg", "aaa", "aaaa", "abcabc",
		"hellokitty", "starwars", "pokemon", "google", "apple", "samsung", "huawei", "xiaomi",
		// Pinyin words and the commonest names.
		"woaini", "woaiwojia", "woainima", "aini", "wangwei", "zhangwei", "liwei", "wangfang", "zhangmin",
		"lijing", "liuyang", "wangjing", "chenjing", "zhangli", "wanglei", "liqiang", "zhangjie", "wangyong",
		"liming", "zhangtao", "lina", "wangli", "zhangyan", "zhongguo", "china", "beijing", "shanghai",
		"guangzhou", "shenzhen", "tianjin", "chongqing", "nanjing", "wuhan", "hangzhou", "baidu", "taobao",
		"tencent", "qq", "weixin", "wechat", "aa", "qaz", "wsx", "zxc", "asd", "qwe", "caonima", "nihao",
		"xiaoming", "xiaohong", "laopo", "laogong", "baobei", "tiantian", "kuaile", "xingfu", "pingan",
		"fuqi", "facai",
		// The platform's own vocabulary, which an attacker would try here.
		"gongkai", "zhengwu", "zhengfu", "xinxi", "xinxigongkai", "zhengwugongkai", "gov", "govcn", "gov.cn",
		"renmin", "zhengfuban", "dangzheng", "bangongshi", "xiangzhen", "jiedao",
	}
	suffixes := []string{"", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678",
		"123456789", "1234567890", "0", "00", "000", "01", "11", "111", "1111", "88", "888", "8888", "66",
		"666", "6666", "99", "999", "520", "521", "1314", "5201314", "!", "!!", "!@#", "@", "@123", "#123",
		"123!", "123.", "123.com", ".com", "@163.com", "@qq.com", "abc", "abc123", "qwe", "qwe123"}
	prefixes := []string{"1", "12", "123", "1234", "12345", "123456", "520", "1314", "5201314", "888", "666", "@"}
	var years []string // birth years and recent years, as endings only
	for y := 1970; y <= 2030; y++ {
		years = append(years, strconv.Itoa(y))
	}
	set := map[string]bool{}
	add := func(p string) {
		if len([]rune(p)) >= MinPasswordLength {
			set[p] = true
		}
	}
	for _, b := range bases {
		for _, s := range suffixes {
			add(b + s)
		}
		for _, s := range prefixes {
			add(s + b)
		}
		for _, y := range years {
			add(b + y)
		}
		add(b + b)
	}
	// Digit and keyboard runs on their own.
	for _, p := range []string{"1234567890", "0123456789", "9876543210", "0987654321", "1234512345",
		"1212121212", "1122334455", "1357924680", "5201314520", "1qaz2wsx3edc", "1qaz@wsx", "!qaz@wsx#edc",
		"qwertyuiop", "asdfghjkl;", "zxcvbnm,./", "1q2w3e4r5t6y", "qazwsxedc", "qazwsxedcrfv", "a1b2c3d4e5",
		"abcd123456", "abc123abc123", "123abc123abc", "1234qwer", "1234qwerasdf", "qwer1234", "asdf1234",
		"zxcv1234", "147258369", "1472583690", "159753", "1597534862", "7894561230", "3141592653",
		"31415926535", "1123581321"} {
		add(p)
	}
	return set
})

// isCommonPassword reports whether pw (any case) is on the list.
func isCommonPassword(pw string) bool {
	return commonPasswords()[strings.ToLower(pw)]
}
