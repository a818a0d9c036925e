package body

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	county := &Body{ID: 1, Kind: County, Name: "桐柏县人民政府", Slug: "tongbai"}
	township := &Body{ID: 2, ParentID: 1, Kind: Township, Name: "吴城镇人民政府", Slug: "wucheng"}
	village := &Body{ID: 3, ParentID: 2, Kind: Village, Name: "吴城村", Slug: "wucheng-cun"}
	tests := []struct {
		name    string
		b       Body
		parent  *Body
		wantErr []string // substrings; nil means valid
	}{
		{"county root", Body{Kind: County, Name: "桐柏县人民政府", Slug: "tongbai", Code: "11341702486344515H"}, nil, nil},
		{"township under county", Body{ParentID: 1, Kind: Township, Name: "吴城镇人民政府", Slug: "wucheng"}, county, nil},
		{"village under township", Body{ParentID: 2, Kind: Village, Name: "小河村", Slug: "xiaohe"}, township, nil},
		{"department under county", Body{ParentID: 1, Kind: Department, Name: "桐柏县民政局", Slug: "tongbai-mzj"}, county, nil},
		{"township as root", Body{Kind: Township, Name: "吴城镇人民政府", Slug: "wucheng"}, nil, nil},
		{"village under county", Body{ParentID: 1, Kind: Village, Name: "小河村", Slug: "xiaohe"}, county, []string{"村（社区）不能设在县（区）之下"}},
		{"village as root", Body{Kind: Village, Name: "小河村", Slug: "xiaohe"}, nil, []string{"不能作为最上级单位"}},
		{"department under village", Body{ParentID: 3, Kind: Department, Name: "某部门", Slug: "bm"}, village, []string{"政府部门不能设在村（社区）之下"}},
		{"department as root", Body{Kind: Department, Name: "桐柏县民政局", Slug: "mzj"}, nil, []string{"不能作为最上级单位"}},
		{"empty name", Body{Kind: County, Name: "  ", Slug: "x"}, nil, []string{"单位名称不能为空"}},
		{"bad slug and code", Body{Kind: County, Name: "县", Slug: "Tong Bai", Code: "11341702486344515J"}, nil, []string{"网址标识", "校验位错误"}},
		{"unknown kind", Body{Kind: "galaxy", Name: "x", Slug: "x"}, nil, []string{"单位类型“galaxy”无效"}},
		{"parent id without parent", Body{ParentID: 9, Kind: County, Name: "x", Slug: "x"}, nil, []string{"上级单位不存在"}},
		{"own parent", Body{ID: 2, ParentID: 2, Kind: Township, Name: "x", Slug: "x"}, township, []string{"不能是自己的上级", "乡镇（街道）不能设在乡镇（街道）之下"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.b, tt.parent)
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("Validate = %v, want valid", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate = nil, want errors %q", tt.wantErr)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate = %q, want it to contain %q", err, w)
				}
			}
		})
	}
}
