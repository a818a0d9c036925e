package annualreport

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// docxNumbering resolves Word's automatic numbering: a heading such as
// 一、总体情况 is often typed as 总体情况 with a list whose level text is
// "%1、" in Chinese counting. Without it the section numbers would be lost.
type docxNumbering struct {
	levels map[string]map[int]docxLevel // abstractNumId → ilvl → level
	nums   map[string]string            // numId → abstractNumId
	starts map[string]map[int]int       // numId → ilvl → start override
	styles map[string]docxNumRef        // paragraph styleId → numbering (resolved through basedOn)
	count  map[string][]int             // numId → counters per level
}

type docxLevel struct {
	format string // numFmt
	text   string // lvlText, e.g. "%1、"
	start  int
}

type docxNumRef struct {
	numID string
	ilvl  int
	set   bool
}

// readDOCXNumbering loads numbering.xml and the numbering that paragraph
// styles carry; nil when the document has no numbering.
func readDOCXNumbering(numbering, styles []byte) *docxNumbering {
	if len(numbering) == 0 {
		return nil
	}
	var nx struct {
		Abstract []struct {
			ID  string `xml:"abstractNumId,attr"`
			Lvl []struct {
				Ilvl   int     `xml:"ilvl,attr"`
				Start  docxVal `xml:"start"`
				NumFmt docxVal `xml:"numFmt"`
				Text   docxVal `xml:"lvlText"`
			} `xml:"lvl"`
		} `xml:"abstractNum"`
		Num []struct {
			ID       string  `xml:"numId,attr"`
			Abstract docxVal `xml:"abstractNumId"`
			Override []struct {
				Ilvl  int     `xml:"ilvl,attr"`
				Start docxVal `xml:"startOverride"`
			} `xml:"lvlOverride"`
		} `xml:"num"`
	}
	if xml.Unmarshal(numbering, &nx) != nil {
		return nil
	}
	n := &docxNumbering{
		levels: map[string]map[int]docxLevel{}, nums: map[string]string{},
		starts: map[string]map[int]int{}, styles: map[string]docxNumRef{}, count: map[string][]int{},
	}
	for _, a := range nx.Abstract {
		lv := map[int]docxLevel{}
		for _, l := range a.Lvl {
			start := 1
			if l.Start.Val != "" {
				start, _ = strconv.Atoi(l.Start.Val)
			}
			lv[l.Ilvl] = docxLevel{format: l.NumFmt.Val, text: l.Text.Val, start: start}
		}
		n.levels[a.ID] = lv
	}
	for _, x := range nx.Num {
		n.nums[x.ID] = x.Abstract.Val
		for _, o := range x.Override {
			if o.Start.Val != "" {
				if n.starts[x.ID] == nil {
					n.starts[x.ID] = map[int]int{}
				}
				n.starts[x.ID][o.Ilvl], _ = strconv.Atoi(o.Start.Val)
			}
		}
	}
	var sx struct {
		Style []struct {
			ID      string  `xml:"styleId,attr"`
			BasedOn docxVal `xml:"basedOn"`
			NumPr   *struct {
				Ilvl  docxVal `xml:"ilvl"`
				NumID docxVal `xml:"numId"`
			} `xml:"pPr>numPr"`
		} `xml:"style"`
	}
	if xml.Unmarshal(styles, &sx) == nil {
		based := map[string]string{}
		own := map[string]docxNumRef{}
		for _, s := range sx.Style {
			based[s.ID] = s.BasedOn.Val
			if s.NumPr != nil && s.NumPr.NumID.Val != "" {
				il, _ := strconv.Atoi(s.NumPr.Ilvl.Val)
				own[s.ID] = docxNumRef{numID: s.NumPr.NumID.Val, ilvl: il, set: true}
			}
		}
		for id := range based {
			for s, k := id, 0; s != "" && k < 16; s, k = based[s], k+1 {
				if ref, ok := own[s]; ok {
					n.styles[id] = ref
					break
				}
			}
		}
	}
	return n
}

// docxVal is an element whose w:val attribute is all that matters.
type docxVal struct {
	Val string `xml:"val,attr"`
}

// label advances the counters of a numbered paragraph and returns its
// number text ("一、", "（二）", "3."); "" for bullets and unknown lists.
func (n *docxNumbering) label(ref docxNumRef) string {
	if n == nil || !ref.set || ref.numID == "" || ref.numID == "0" || ref.ilvl < 0 || ref.ilvl > 8 {
		return ""
	}
	levels := n.levels[n.nums[ref.numID]]
	lvl, ok := levels[ref.ilvl]
	if !ok || lvl.format == "bullet" || lvl.format == "none" {
		return ""
	}
	c := n.count[ref.numID]
	if c == nil {
		c = make([]int, 9)
		for i := range c {
			c[i] = n.startOf(ref.numID, i, levels) - 1
		}
		n.count[ref.numID] = c
	}
	c[ref.ilvl]++
	for i := ref.ilvl + 1; i < 9; i++ {
		c[i] = n.startOf(ref.numID, i, levels) - 1
	}
	text := lvl.text
	for i := 0; i <= ref.ilvl; i++ {
		ph := "%" + strconv.Itoa(i+1)
		if strings.Contains(text, ph) {
			text = strings.ReplaceAll(text, ph, formatListNumber(c[i], levels[i].format))
		}
	}
	return text
}

func (n *docxNumbering) startOf(numID string, ilvl int, levels map[int]docxLevel) int {
	if s, ok := n.starts[numID][ilvl]; ok {
		return s
	}
	if l, ok := levels[ilvl]; ok && l.start > 0 {
		return l.start
	}
	return 1
}

// formatListNumber writes a counter in a Word number format.
func formatListNumber(v int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "ideographDigital", "chineseLegalSimplified":
		return chineseNumber(v)
	case "ideographTraditional":
		if v >= 1 && v <= 10 {
			return string([]rune("甲乙丙丁戊己庚辛壬癸")[v-1])
		}
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if v >= 1 && v <= 20 {
			return string(rune('①' + v - 1))
		}
	case "lowerLetter":
		if v >= 1 && v <= 26 {
			return string(rune('a' + v - 1))
		}
	case "upperLetter":
		if v >= 1 && v <= 26 {
			return string(rune('A' + v - 1))
		}
	case "decimalFullWidth":
		return strings.Map(func(r rune) rune { return r - '0' + '０' }, strconv.Itoa(v))
	}
	return strconv.Itoa(v)
}

// chineseNumber writes 1…99 in Chinese numerals (一, 十, 十一, 二十三).
func chineseNumber(v int) string {
	digits := []rune("零一二三四五六七八九")
	switch {
	case v <= 0 || v >= 100:
		return strconv.Itoa(v)
	case v < 10:
		return string(digits[v])
	case v == 10:
		return "十"
	case v < 20:
		return "十" + string(digits[v-10])
	case v%10 == 0:
		return string(digits[v/10]) + "十"
	}
	return string(digits[v/10]) + "十" + string(digits[v%10])
}
