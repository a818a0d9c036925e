package wordbody

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// headingStyles maps a paragraph style id to its heading level (1 for
// “heading 1”). Chinese Word names its heading styles by number (style
// id "1", "2" …), so the level is read from the style's name, following
// basedOn for styles derived from a heading.
func (p *pkg) headingStyles() map[string]int {
	b, err := p.read("word/styles.xml", maxSmallPart)
	if err != nil {
		return nil
	}
	var s struct {
		Styles []struct {
			Type    string `xml:"type,attr"`
			ID      string `xml:"styleId,attr"`
			Name    val    `xml:"name"`
			BasedOn val    `xml:"basedOn"`
		} `xml:"style"`
	}
	if xml.Unmarshal(b, &s) != nil {
		return nil
	}
	based := map[string]string{}
	levels := map[string]int{}
	for _, st := range s.Styles {
		if st.Type != "paragraph" {
			continue
		}
		based[st.ID] = st.BasedOn.Val
		name := strings.ToLower(strings.TrimSpace(st.Name.Val))
		if n, ok := strings.CutPrefix(name, "heading "); ok {
			if lvl, err := strconv.Atoi(n); err == nil && lvl >= 1 && lvl <= 9 {
				levels[st.ID] = lvl
			}
		}
	}
	for id := range based {
		// A chain of basedOn is walked a bounded number of steps: a
		// crafted file may make it a cycle.
		for cur, i := id, 0; cur != "" && i < 16; cur, i = based[cur], i+1 {
			if lvl, ok := levels[cur]; ok {
				levels[id] = lvl
				break
			}
		}
	}
	return levels
}

type val struct {
	Val string `xml:"val,attr"`
}

// bulletLists says, per numbering id, whether its list is bulleted (ul)
// rather than numbered (ol); the first level decides.
func (p *pkg) bulletLists() map[string]bool {
	b, err := p.read("word/numbering.xml", maxSmallPart)
	if err != nil {
		return nil
	}
	var n struct {
		Abstract []struct {
			ID     string `xml:"abstractNumId,attr"`
			Levels []struct {
				Level  string `xml:"ilvl,attr"`
				Format val    `xml:"numFmt"`
			} `xml:"lvl"`
		} `xml:"abstractNum"`
		Nums []struct {
			ID       string `xml:"numId,attr"`
			Abstract val    `xml:"abstractNumId"`
		} `xml:"num"`
	}
	if xml.Unmarshal(b, &n) != nil {
		return nil
	}
	bullet := map[string]bool{}
	for _, a := range n.Abstract {
		for _, l := range a.Levels {
			if l.Level == "0" {
				bullet[a.ID] = l.Format.Val == "bullet"
			}
		}
	}
	out := map[string]bool{}
	for _, num := range n.Nums {
		out[num.ID] = bullet[num.Abstract.Val]
	}
	return out
}
