// Package catalogue holds the 政务公开事项标准目录 of basic-level
// governments (国办发〔2019〕54号): per domain, 一级事项 and 二级事项
// lines with where, when, by whom and to whom each is disclosed.
package catalogue

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

//go:embed domains.json
var domainsJSON []byte

type reference struct {
	Columns  []string `json:"catalogue_columns"`
	Channels []string `json:"channels"`
	Domains  []string `json:"domains"`
}

var ref = func() reference {
	var r reference
	if err := json.Unmarshal(domainsJSON, &r); err != nil {
		panic(fmt.Sprintf("catalogue: embedded domains.json: %v", err))
	}
	return r
}()

// Domains are the 26 national domain guides' names (2019–2020 usage).
// Catalogues may name other domains, as later ones merge and rename.
func Domains() []string { return slices.Clone(ref.Domains) }

// Channels are the usual 公开渠道和载体.
func Channels() []string { return slices.Clone(ref.Channels) }

// Fields are the catalogue's column headings, in the circulated order.
func Fields() []string { return slices.Clone(ref.Columns) }

// Values of the enumerated fields.
var (
	Audiences = []string{"全社会", "特定群众"} // 公开对象
	Modes     = []string{"主动", "依申请"}   // 公开方式
	Tiers     = []string{"县级", "乡级"}    // 公开层级
)

// Item is one line of a catalogue: a 二级事项 under its 一级事项.
type Item struct {
	ID       int64
	BodyID   int64
	Domain   string   // 领域
	Level1   string   // 一级事项
	Level2   string   // 二级事项
	Content  string   // 公开内容（要素）
	Basis    string   // 公开依据
	Timing   string   // 公开时限
	Subject  string   // 公开主体
	Channels []string // 公开渠道和载体
	Audience string   // 公开对象
	Mode     string   // 公开方式
	Tier     []string // 公开层级: 县级, 乡级 or both
	Position int
}

// Key identifies a line within a body's catalogue.
func (it Item) Key() string { return it.Domain + "\x00" + it.Level1 + "\x00" + it.Level2 }

// Validate lists what is wrong with a line, in Chinese; nil if nothing.
func Validate(it Item) []string {
	var errs []string
	need := func(v, name string) {
		if strings.TrimSpace(v) == "" {
			errs = append(errs, name+"不能为空")
		}
	}
	need(it.Domain, "领域")
	need(it.Level1, "一级事项")
	need(it.Level2, "二级事项")
	need(it.Subject, "公开主体")
	if len(it.Channels) == 0 {
		errs = append(errs, "公开渠道和载体不能为空")
	}
	oneOf := func(v, name string, allowed []string) {
		if !slices.Contains(allowed, v) {
			errs = append(errs, fmt.Sprintf("%s应为%s之一", name, strings.Join(allowed, "、")))
		}
	}
	oneOf(it.Audience, "公开对象", Audiences)
	oneOf(it.Mode, "公开方式", Modes)
	if len(it.Tier) == 0 {
		errs = append(errs, "公开层级不能为空")
	}
	for _, t := range it.Tier {
		if !slices.Contains(Tiers, t) {
			errs = append(errs, fmt.Sprintf("公开层级“%s”应为%s", t, strings.Join(Tiers, "、")))
		}
	}
	for _, f := range []struct{ v, name string }{{it.Domain, "领域"}, {it.Level1, "一级事项"}, {it.Level2, "二级事项"}} {
		if len([]rune(f.v)) > 200 {
			errs = append(errs, f.name+"不能超过200字")
		}
	}
	return errs
}

// SplitList reads a set written in one cell or field, separated the ways
// catalogues do: 、，, ；; / or new lines. "/" is not a separator, since
// channel names contain it (发布会/听证会).
func SplitList(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return r == '、' || r == '，' || r == ',' || r == '；' || r == ';' || r == '\n' || r == '\r'
	})
	var out []string
	for _, v := range f {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// JoinList is the inverse of SplitList.
func JoinList(vs []string) string { return strings.Join(vs, "、") }

// Normalize trims every field, so equal lines compare equal.
func Normalize(it Item) Item {
	for _, p := range []*string{&it.Domain, &it.Level1, &it.Level2, &it.Content, &it.Basis, &it.Timing,
		&it.Subject, &it.Audience, &it.Mode} {
		*p = strings.TrimSpace(*p)
	}
	it.Channels = SplitList(JoinList(it.Channels))
	it.Tier = SplitList(JoinList(it.Tier))
	return it
}
