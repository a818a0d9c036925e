package search

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestFieldTokens(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"公开", "公 公开 开"},
		{"岚溪镇", "岚 岚溪 溪镇 镇"},
		{"镇", "镇"},
		{"2023年度报告", "2023 年 年度 度报 报告 告"},
		{"ＧＢ／Ｔ　２２６０", "gb t 2260"},
		{"Hello, 世界!", "hello 世 世界 界"},
		{"第3号", "第 3 号"},
		{"，。！  ", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(fieldTokens(tt.in), " "); got != tt.want {
			t.Errorf("fieldTokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in      string
		want    []string // one entry per term: its tokens, "*" appended for a prefix
		wantErr error
	}{
		{in: "公开", want: []string{"公开"}},
		{in: "岚溪镇", want: []string{"岚溪 溪镇"}},
		{in: "镇", want: []string{"镇*"}},
		{in: "2023年", want: []string{"2023 年"}},
		{in: "报告2024", want: []string{"报告 告 2024"}},
		{in: "第3号", want: []string{"第 3 号"}},
		{in: "信息 公开", want: []string{"信息", "公开"}},
		{in: "教育，预算", want: []string{"教育", "预算"}},
		{in: "公开 公开", want: []string{"公开"}},
		{in: "ＧＢ／Ｔ", want: []string{"gb", "t"}},
		{in: "<script>", want: []string{"script"}},
		{in: "   ", wantErr: ErrEmptyQuery},
		{in: "", wantErr: ErrEmptyQuery},
		{in: "，。！？", wantErr: ErrEmptyQuery},
		{in: strings.Repeat("长", maxQueryRunes+1), wantErr: ErrQueryTooLong},
		{in: strings.Repeat("a ", maxTerms+1), want: []string{"a"}},
		{in: "a b c d e f g h i j k l m", wantErr: ErrQueryTooLong},
	}
	for _, tt := range tests {
		q, err := ParseQuery(tt.in)
		if !errors.Is(err, tt.wantErr) {
			t.Errorf("ParseQuery(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			continue
		}
		var got []string
		for _, term := range q.Terms {
			s := strings.Join(term.Tokens, " ")
			if term.Prefix {
				s += "*"
			}
			got = append(got, s)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ParseQuery(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQueryRendering(t *testing.T) {
	q, err := ParseQuery("岚溪镇 镇 2023年")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := q.FTS5("title_tokens", "body_tokens"),
		`{title_tokens body_tokens} : ("岚溪 溪镇" AND "镇"* AND "2023 年")`; got != want {
		t.Errorf("FTS5 = %s, want %s", got, want)
	}
	if got, want := q.TSQuery(), `('岚溪' <-> '溪镇') & ('镇':*) & ('2023' <-> '年')`; got != want {
		t.Errorf("TSQuery = %s, want %s", got, want)
	}
	if got, want := tsvectorLiteral(positioned([]string{"a", "b"}, []string{"c"})), `'a':1 'b':2 'c':4`; got != want {
		t.Errorf("tsvectorLiteral = %s, want %s", got, want)
	}
	if got, want := q.tokensQuery(), `'岚溪' & '溪镇' & '镇':* & '2023' & '年'`; got != want {
		t.Errorf("tokensQuery = %s, want %s", got, want)
	}
}

// containsPhrase reports whether phrase occurs in a row in toks; with
// prefix, its last token may be the start of a document token.
func containsPhrase(toks, phrase []string, prefix bool) bool {
	for i := 0; i+len(phrase) <= len(toks); i++ {
		ok := true
		for k, p := range phrase {
			d := toks[i+k]
			if d != p && !(prefix && k == len(phrase)-1 && strings.HasPrefix(d, p)) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// FuzzParseQuery checks that parsing never panics and that a document whose
// text is the query (alone, or inside Chinese text) always matches the
// query: the translation loses no recall. Letters and digits glued to the
// query ("x2023") are left out on purpose: word runs match whole tokens.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"公开", "岚溪镇", "镇", "2023年", "报告2024", "ＧＢ／Ｔ", "<script>", "a镇b", "  ", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuery(s)
		if err != nil {
			if !errors.Is(err, ErrEmptyQuery) && !errors.Is(err, ErrQueryTooLong) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for _, doc := range []string{s, "前文" + s + "后文", "。" + s + " "} {
			toks := fieldTokens(doc)
			for _, term := range q.Terms {
				for _, tok := range term.Tokens {
					if tok == "" || strings.ContainsAny(tok, " \"'") {
						t.Fatalf("bad token %q in %q", tok, s)
					}
				}
				if !containsPhrase(toks, term.Tokens, term.Prefix) {
					t.Fatalf("document %q does not match its own term %q (tokens %q, doc %q)", doc, term.Text, term.Tokens, toks)
				}
			}
		}
	})
}
