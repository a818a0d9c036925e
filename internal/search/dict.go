package search

import (
	_ "embed"
	"strings"
)

// compactDictionary is gse's simplified-Chinese dictionary cut to the 82k
// words with frequency ≥ 20 (gendict). Words only rank, so rare words add
// memory (the full 352k-word dictionary costs ~250 MB and ~2 s to load)
// without adding recall. Source: github.com/go-ego/gse data/dict/zh/s_1.txt
// (Apache-2.0), format "word frequency pos".
//
//go:embed dict/zh_compact.txt
var compactDictionary string

// domainDictionary holds government terms (政府信息公开, 依申请公开,
// 统一社会信用代码 …) that must stay whole words.
var domainDictionary = stripComments(domainDictionarySource)

//go:embed dict/domain.txt
var domainDictionarySource string

// stripComments drops '#' lines, which gse would otherwise try to read as
// entries.
func stripComments(s string) string {
	var b strings.Builder
	for line := range strings.Lines(s) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		b.WriteString(line)
	}
	return b.String()
}
