package web

import "testing"

func TestOptionsHTML(t *testing.T) {
	opts := []selectOption{{"", "全部"}, {`a"b`, "<甲>&乙"}, {"c", "丙"}}
	tests := []struct {
		selected, want string
	}{
		{"", `<option value="" selected>全部</option><option value="a&#34;b">&lt;甲&gt;&amp;乙</option><option value="c">丙</option>`},
		{"c", `<option value="">全部</option><option value="a&#34;b">&lt;甲&gt;&amp;乙</option><option value="c" selected>丙</option>`},
		{`a"b`, `<option value="">全部</option><option value="a&#34;b" selected>&lt;甲&gt;&amp;乙</option><option value="c">丙</option>`},
		{"missing", `<option value="">全部</option><option value="a&#34;b">&lt;甲&gt;&amp;乙</option><option value="c">丙</option>`},
	}
	for _, tt := range tests {
		if got := string(optionsHTML(opts, tt.selected)); got != tt.want {
			t.Errorf("optionsHTML(%q) =\n%s\nwant\n%s", tt.selected, got, tt.want)
		}
	}
}
