package disclosure

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

// themes.json is the 22-theme tree of the national policy document
// library (主题分类). It is data: a local tree replaces the file.
//
//go:embed themes.json
var themesJSON []byte

// Theme is a 主题分类 entry. Codes are positional and stable for a given
// tree: "03" is the third top-level theme, "0302" its second child.
type Theme struct {
	Code     string
	Name     string
	Parent   string // code of the parent, "" at the top
	FullName string // "parent/child" for a second-level theme
}

var themeList, themeByCode = mustLoadThemes()

func mustLoadThemes() ([]Theme, map[string]Theme) {
	var doc struct {
		Themes []struct {
			Name     string   `json:"name"`
			Children []string `json:"children"`
		} `json:"themes"`
	}
	if err := json.Unmarshal(themesJSON, &doc); err != nil {
		panic(fmt.Errorf("disclosure: themes.json: %w", err))
	}
	var list []Theme
	by := map[string]Theme{}
	for i, t := range doc.Themes {
		top := Theme{Code: fmt.Sprintf("%02d", i+1), Name: t.Name, FullName: t.Name}
		list = append(list, top)
		by[top.Code] = top
		for j, c := range t.Children {
			ch := Theme{Code: fmt.Sprintf("%s%02d", top.Code, j+1), Name: c, Parent: top.Code, FullName: t.Name + "/" + c}
			list = append(list, ch)
			by[ch.Code] = ch
		}
	}
	return list, by
}

// Themes lists every theme, each top-level theme before its children.
func Themes() []Theme { return themeList }

// ThemeByCode finds a theme.
func ThemeByCode(code string) (Theme, bool) {
	t, ok := themeByCode[code]
	return t, ok
}
