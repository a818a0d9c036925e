package disclosure

// Kind tells the documents the annual report counts (table 二, Art. 20
// item 一) from everything else.
type Kind string

const (
	KindOther     Kind = "other"
	KindRule      Kind = "rule"      // 规章
	KindNormative Kind = "normative" // 行政规范性文件
)

// Kinds lists the kinds in display order.
func Kinds() []Kind { return []Kind{KindOther, KindNormative, KindRule} }

// Name is the kind's Chinese name.
func (k Kind) Name() string {
	switch k {
	case KindRule:
		return "规章"
	case KindNormative:
		return "行政规范性文件"
	}
	return "其他"
}

// HasValidity reports whether documents of this kind carry a 有效性.
func (k Kind) HasValidity() bool { return k == KindRule || k == KindNormative }

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == KindOther || k == KindRule || k == KindNormative }

// kindOfRowLabel maps a table 二 row label of item 一 (or one of its
// variants) to the kind it counts.
func kindOfRowLabel(label string) (Kind, bool) {
	switch label {
	case "规章":
		return KindRule, true
	case "行政规范性文件", "规范性文件":
		return KindNormative, true
	}
	return "", false
}
