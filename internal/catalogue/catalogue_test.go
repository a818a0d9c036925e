package catalogue

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func sample() []Item {
	return []Item{
		{Domain: "社会救助", Level1: "最低生活保障", Level2: "政策文件", Content: "法律法规、规章及规范性文件",
			Basis: "《社会救助暂行办法》", Timing: "自信息形成或变更之日起20个工作日内", Subject: "县民政局",
			Channels: []string{"政府网站", "社区/企事业单位/村公示栏（电子屏）"}, Audience: "全社会", Mode: "主动", Tier: []string{"县级", "乡级"}},
		{Domain: "社会救助", Level1: "最低生活保障", Level2: "审批结果", Content: "姓名、保障人数、金额",
			Timing: "每月", Subject: "乡镇人民政府", Channels: []string{"公开查阅点"}, Audience: "特定群众", Mode: "依申请", Tier: []string{"乡级"}},
		{Domain: "就业", Level1: "就业创业服务", Level2: "招聘信息", Subject: "县人社局",
			Channels: []string{"两微一端", "发布会/听证会"}, Audience: "全社会", Mode: "主动", Tier: []string{"县级"}},
	}
}

func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	got, errs := ReadXLSX(&buf)
	if errs != nil {
		t.Fatalf("errors: %v", errs)
	}
	want := sample()
	for i := range want {
		want[i].Position = i
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
}

// book builds a workbook from sheets of rows.
func book(t *testing.T, sheets map[string][][]any) *bytes.Buffer {
	t.Helper()
	f := excelize.NewFile()
	first := true
	for name, rows := range sheets {
		if first {
			_ = f.SetSheetName("Sheet1", name)
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow(name, cell, &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return &buf
}

func TestReadXLSX(t *testing.T) {
	header := []any{"序号", "一级事项", "二级事项", "公开内容(要素)", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"}
	good := []any{"1", "低保", "政策", "", "", "", "乡政府", "政府网站、公开查阅点", "全社会", "主动", "乡级"}
	tests := []struct {
		name   string
		sheets map[string][][]any
		items  int
		errs   []string
	}{
		{"sheet per domain with a title row", map[string][][]any{"社会救助": {{"某乡社会救助领域标准目录"}, header, good, {}, good[:3]}},
			0, []string{"第 5 行：公开主体不能为空", "第 5 行：与工作表“社会救助”第 3 行重复"}},
		{"valid", map[string][][]any{"社会救助": {header, good}}, 1, nil},
		{"bad enumerations", map[string][][]any{"就业": {header,
			{"1", "招聘", "公告", "", "", "", "人社局", "政府网站", "所有人", "主动公开", "省级"}}},
			0, []string{"第 2 行：公开对象应为", "第 2 行：公开方式应为", "第 2 行：公开层级“省级”"}},
		{"no header", map[string][][]any{"说明": {{"本表为填报说明"}}}, 0, []string{"没有找到表头行"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, errs := ReadXLSX(book(t, tt.sheets))
			if len(items) != tt.items {
				t.Errorf("items = %d, want %d", len(items), tt.items)
			}
			var all []string
			for _, e := range errs {
				all = append(all, e.Error())
			}
			joined := strings.Join(all, "\n")
			if len(tt.errs) == 0 && len(errs) > 0 {
				t.Errorf("unexpected errors:\n%s", joined)
			}
			for _, w := range tt.errs {
				if !strings.Contains(joined, w) {
					t.Errorf("errors lack %q:\n%s", w, joined)
				}
			}
		})
	}
	items, _ := ReadXLSX(book(t, map[string][][]any{"社会救助": {header, good}}))
	if len(items) == 1 && (items[0].Domain != "社会救助" || len(items[0].Channels) != 2) {
		t.Errorf("domain from sheet name, channels split: %+v", items[0])
	}
}

func TestReferenceData(t *testing.T) {
	if len(Domains()) != 26 || len(Fields()) != 10 || len(Channels()) == 0 {
		t.Errorf("domains %d fields %d channels %d", len(Domains()), len(Fields()), len(Channels()))
	}
}
