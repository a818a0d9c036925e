package search

import (
	"slices"
	"testing"
)

func TestQueryWords(t *testing.T) {
	seg := waitSegmenter(t)
	tests := []struct {
		query string
		want  []string
	}{
		{"依申请公开", []string{"依申请公开"}},       // domain term kept whole
		{"统一社会信用代码", []string{"统一社会信用代码"}}, // domain term kept whole
		{"岚溪镇 年度报告", []string{"年度报告"}},     // 岚溪 is no dictionary word
		{"2023年度ABC", []string{"年度"}},      // only CJK runs are cut
		{"镇", nil},                         // single characters are no words
	}
	for _, tt := range tests {
		if got := seg.QueryWords(tt.query); !slices.Equal(got, tt.want) {
			t.Errorf("QueryWords(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
	if d, n, err := seg.LoadStats(); err != nil || n < 80000 || d <= 0 {
		t.Errorf("LoadStats = %v, %d words, %v", d, n, err)
	}
}

func TestHasWord(t *testing.T) {
	seg := waitSegmenter(t)
	tests := []struct {
		text, word string
		want       bool
	}{
		{"本镇政府信息公开工作", "信息公开", true}, // a part of a longer word counts (search mode)
		{"本镇政府信息公开工作", "政府信息公开", true},
		{"编制年度报告", "年度", true},
		{"广东京剧团来访", "东京", false}, // characters in a row, not a word
		{"去东京访问", "东京", true},
		{"广东京剧团，东京", "东京", true}, // the second occurrence is a word
		{"没有这个词", "东京", false},
	}
	for _, tt := range tests {
		if got := seg.HasWord(string(foldString(tt.text)), tt.word); got != tt.want {
			t.Errorf("HasWord(%q, %q) = %v, want %v", tt.text, tt.word, got, tt.want)
		}
	}
}

// A segmenter still loading knows no words; search goes on with bigrams.
func TestSegmenterNotLoaded(t *testing.T) {
	loading := &Segmenter{ready: make(chan struct{})}
	if got := loading.QueryWords("政府信息公开"); got != nil {
		t.Errorf("QueryWords while loading = %q, want nil", got)
	}
	if loading.HasWord("政府信息公开", "信息") {
		t.Error("HasWord while loading = true, want false")
	}
	var none *Segmenter
	if got := none.QueryWords("政府信息公开"); got != nil {
		t.Errorf("nil segmenter QueryWords = %q, want nil", got)
	}
}
