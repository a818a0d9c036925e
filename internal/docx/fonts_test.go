package docx

import (
	"strings"
	"testing"
)

// TestFontTableChains: a font whose alternative has its own alternative
// lists both, so a machine with neither 仿宋_GB2312 nor 仿宋 still finds
// FangSong; fonts only styles or the page number use are listed too.
func TestFontTableChains(t *testing.T) {
	d := &Document{Font: FangSong, PageNumbers: true, PageNumberFont: Font{EastAsia: "宋体", Latin: "Arial"},
		Styles: []Style{{ID: "H", Run: RunStyle{Font: HeiTi}}}}
	ft := d.fontTableXML()
	for _, want := range []string{
		`<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>`,
		`<w:font w:name="仿宋"><w:altName w:val="FangSong"/>`,
		`<w:font w:name="黑体"><w:altName w:val="SimHei"/>`,
		`<w:font w:name="宋体"><w:altName w:val="SimSun"/>`,
		`<w:font w:name="Arial"><w:charset w:val="00"/>`,
		`<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/>`,
	} {
		if !strings.Contains(ft, want) {
			t.Errorf("font table lacks %s:\n%s", want, ft)
		}
	}
	if strings.Contains(ft, `w:name="SimSun"`) {
		t.Error("an alternative without an alternative of its own is listed")
	}
}

func TestEastAsiaHint(t *testing.T) {
	var with, without strings.Builder
	writeFonts(&with, FangSong)
	f := FangSong
	f.NoEastAsiaHint = true
	writeFonts(&without, f)
	if !strings.Contains(with.String(), `w:hint="eastAsia"`) || strings.Contains(without.String(), "w:hint") {
		t.Errorf("with hint %s, without %s", with.String(), without.String())
	}
}
