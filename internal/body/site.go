package body

import (
	"regexp"
	"strings"
	"unicode"
)

// Site is the identity every government website shows at its foot
// (国办发〔2017〕47号《政府网站发展指引》; the site-inspection
// indicators): who sponsors and who runs it, its 网站标识码, its ICP
// and 公安机关 record numbers, the 党政机关网站 mark where the site has
// one, and how to reach those who run it.
type Site struct {
	Sponsor      string `json:"sponsor"`       // 主办单位
	Organizer    string `json:"organizer"`     // 承办单位
	Code         string `json:"code"`          // 网站标识码
	ICP          string `json:"icp"`           // ICP 备案号, e.g. 豫ICP备12345678号-1
	PoliceRecord string `json:"police_record"` // 公安机关备案号, e.g. 豫公网安备 41132802000123号
	ConacID      string `json:"conac_id"`      // 党政机关网站标识 number; "" when the site has none
	Phone        string `json:"phone"`         // 网站联系电话
	Email        string `json:"email"`         // 网站联系邮箱
}

var (
	siteCodeRE = regexp.MustCompile(`^[0-9A-Za-z]{10}$`)
	icpRE      = regexp.MustCompile(`^\p{Han}ICP备\d{6,10}号(-\d{1,3})?$`)
	policeRE   = regexp.MustCompile(`^\p{Han}公网安备\s?\d{14}号$`)
	conacRE    = regexp.MustCompile(`^[0-9A-Za-z]{6,40}$`)
	emailRE    = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

// Trimmed is the identity with surrounding spaces removed.
func (s Site) Trimmed() Site {
	for _, p := range []*string{&s.Sponsor, &s.Organizer, &s.Code, &s.ICP, &s.PoliceRecord, &s.ConacID, &s.Phone, &s.Email} {
		*p = strings.TrimSpace(*p)
	}
	return s
}

// Validate checks the fields that have a fixed form, by field name, in
// Chinese; an empty field is allowed (not yet assigned).
func (s Site) Validate() map[string]string {
	out := map[string]string{}
	check := func(field, v string, re *regexp.Regexp, msg string) {
		if v != "" && !re.MatchString(v) {
			out[field] = msg
		}
	}
	check("code", s.Code, siteCodeRE, "网站标识码应为 10 位数字或字母，如 4113300001。")
	check("icp", s.ICP, icpRE, "ICP 备案号格式应如“豫ICP备12345678号-1”。")
	check("police_record", s.PoliceRecord, policeRE, "公安机关备案号格式应如“豫公网安备 41132802000123号”。")
	check("conac_id", s.ConacID, conacRE, "党政机关网站标识编号只含数字和字母。")
	check("email", s.Email, emailRE, "请填写有效的电子邮箱。")
	if len([]rune(s.Sponsor)) > 100 || len([]rune(s.Organizer)) > 100 {
		out["sponsor"] = "主办、承办单位名称不超过 100 字。"
	}
	return out
}

// PoliceRecordCode is the 14-digit number of the 公安机关 record, which
// the national record site's link takes; "" when none is set.
func (s Site) PoliceRecordCode() string {
	var b strings.Builder
	for _, r := range s.PoliceRecord {
		if unicode.IsDigit(r) && r < 128 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Over is the identity a body's sub-site shows: each field of s, or the
// site's (fallback) where s leaves it empty.
func (s Site) Over(fallback Site) Site {
	pick := func(own, site string) string {
		if own != "" {
			return own
		}
		return site
	}
	return Site{Sponsor: pick(s.Sponsor, fallback.Sponsor), Organizer: pick(s.Organizer, fallback.Organizer),
		Code: pick(s.Code, fallback.Code), ICP: pick(s.ICP, fallback.ICP), PoliceRecord: pick(s.PoliceRecord, fallback.PoliceRecord),
		ConacID: pick(s.ConacID, fallback.ConacID), Phone: pick(s.Phone, fallback.Phone), Email: pick(s.Email, fallback.Email)}
}

// Empty reports whether nothing of the identity is set.
func (s Site) Empty() bool { return s.Trimmed() == Site{} }
