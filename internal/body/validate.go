package body

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/idcode"
)

// slugPattern keeps slugs safe as one URL path segment.
var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// allowedParents says under which kinds each kind may sit. A nil entry
// for the empty kind means "may be a root". Townships may sit directly
// under a city for cities without counties (e.g. 东莞); departments sit
// under any level of government.
var allowedParents = map[Kind][]Kind{
	Province:   nil,
	City:       {Province},
	County:     {City, Province},
	Township:   {County, City},
	Village:    {Township},
	Department: {Province, City, County, Township},
}

// rootKinds are the kinds that may be the top of a deployment's tree: a
// province, a city, a county or a single township running its own site.
var rootKinds = []Kind{Province, City, County, Township}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	_, ok := allowedParents[k]
	return ok
}

// KindName is the Chinese name of a kind, as shown to people.
func KindName(k Kind) string {
	switch k {
	case Province:
		return "省"
	case City:
		return "市"
	case County:
		return "县（区）"
	case Township:
		return "乡镇（街道）"
	case Village:
		return "村（社区）"
	case Department:
		return "政府部门"
	}
	return string(k)
}

// Validate checks a body before it is stored: its name, kind, slug, code
// and its place in the tree. parent is nil for a root. Every problem is
// reported, joined, each message in Chinese naming the field.
func Validate(b Body, parent *Body) error {
	var errs []error
	name := strings.TrimSpace(b.Name)
	switch {
	case name == "":
		errs = append(errs, errors.New("单位名称不能为空"))
	case utf8.RuneCountInString(name) > 100:
		errs = append(errs, errors.New("单位名称不能超过100个字"))
	}
	if utf8.RuneCountInString(b.ShortName) > 30 {
		errs = append(errs, errors.New("单位简称不能超过30个字"))
	}
	if !slugPattern.MatchString(b.Slug) {
		errs = append(errs, fmt.Errorf("网址标识“%s”无效：只能使用小写字母、数字和连字符，且以字母或数字开头", b.Slug))
	}
	if b.Code != "" {
		if err := idcode.ValidateBodyCode(b.Code); err != nil {
			errs = append(errs, err)
		}
	}
	if !b.Kind.Valid() {
		errs = append(errs, fmt.Errorf("单位类型“%s”无效", b.Kind))
		return errors.Join(errs...)
	}
	if parent == nil {
		if b.ParentID != 0 {
			errs = append(errs, errors.New("上级单位不存在"))
		} else if !kindIn(b.Kind, rootKinds) {
			errs = append(errs, fmt.Errorf("%s不能作为最上级单位", KindName(b.Kind)))
		}
	} else {
		if b.ID != 0 && parent.ID == b.ID {
			errs = append(errs, errors.New("单位不能是自己的上级"))
		}
		if !kindIn(parent.Kind, allowedParents[b.Kind]) {
			errs = append(errs, fmt.Errorf("%s不能设在%s之下", KindName(b.Kind), KindName(parent.Kind)))
		}
	}
	return errors.Join(errs...)
}

func kindIn(k Kind, ks []Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}
