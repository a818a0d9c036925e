package disclosure

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

var sheetCols = []Column{{ID: 7, Slug: "policy", Name: "政策文件"}, {ID: 8, Slug: "a", Name: "同名"}, {ID: 9, Slug: "b", Name: "同名"}}

func sheetCSV(rows ...string) string {
	return strings.Join(ImportHeader, ",") + "\n" + strings.Join(rows, "\n") + "\n"
}

func TestParseDocumentSheet(t *testing.T) {
	const ok = "000014349/2018-00222,标题,,2018-03-01,2018-03-05,,综合政务,,甲、乙,行政规范性文件,已修改 2020-01-02,policy,一段"
	tests := []struct {
		name    string
		csv     string
		wantErr string // substring of the joined errors; "" for success
	}{
		{"good", sheetCSV(ok), ""},
		{"year-month form", sheetCSV("11341702486344515H/202110-00013,标题,,,2021年10月8日,,,,,,,政策文件,"), ""},
		{"bad 索引号", sheetCSV("12345/2018-00222,标题,,,2018-03-05,,,,,,,policy,"), "第 2 行：索引号"},
		{"duplicate in file", sheetCSV(ok, ok), "第 3 行：索引号 000014349/2018-00222 与第 2 行重复"},
		{"bad date", sheetCSV("000014349/2018-00222,标题,,2018-02-30,2018-03-05,,,,,,,policy,"), "第 2 行：成文日期"},
		{"no 发布日期", sheetCSV("000014349/2018-00222,标题,,,,,,,,,,policy,"), "发布日期不能为空"},
		{"unknown theme", sheetCSV("000014349/2018-00222,标题,,,2018-03-05,,无此主题,,,,,policy,"), "第 2 行：主题分类“无此主题”未知"},
		{"unknown column", sheetCSV("000014349/2018-00222,标题,,,2018-03-05,,,,,,,nowhere,"), "第 2 行：栏目：本单位没有栏目"},
		{"ambiguous column", sheetCSV("000014349/2018-00222,标题,,,2018-03-05,,,,,,,同名,"), "第 2 行：栏目：本单位没有栏目"},
		{"validity on other", sheetCSV("000014349/2018-00222,标题,,,2018-03-05,,,,,其他,现行有效,policy,"), ErrValidityKind.Error()},
		{"abolished without date", sheetCSV("000014349/2018-00222,标题,,,2018-03-05,,,,,规章,已废止,policy,"), "应写明日期"},
		{"abolished before start", sheetCSV("000014349/2018-00222,标题,,,2018-03-05,,,,,规章,已废止 2017-01-01,policy,"), ErrValidityBackward.Error()},
		{"bad kind", sheetCSV("000014349/2018-00222,标题,,,2018-03-05,,,,,通知,,policy,"), "文件类别"},
		{"missing header", "标题,发布日期\n甲,2018-03-05\n", "表头缺少“索引号”列"},
		{"no rows", sheetCSV(), "没有任何数据行"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, errs := ParseDocumentSheet(strings.NewReader(tt.csv), "x.csv", sheetCols)
			var msgs []string
			for _, e := range errs {
				msgs = append(msgs, e.Error())
			}
			got := strings.Join(msgs, "；")
			if tt.wantErr == "" {
				if len(errs) != 0 || len(rows) == 0 {
					t.Fatalf("errors: %s", got)
				}
				return
			}
			if !strings.Contains(got, tt.wantErr) || rows != nil {
				t.Errorf("errors %q, want one containing %q (rows %d)", got, tt.wantErr, len(rows))
			}
		})
	}
}

func TestParseDocumentSheetFields(t *testing.T) {
	csv := "\xef\xbb\xbf" + sheetCSV(`000014349/2018-00222,标题,某发〔2018〕1号,2018-03-01,2018-03-05,某局,综合政务,通知,甲、乙,行政规范性文件,已废止 2020-01-02,policy,"一段 A&B
第二段"`)
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(strings.TrimPrefix(csv, "\xef\xbb\xbf"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"utf-8 bom": csv, "gbk": gbk} {
		rows, errs := ParseDocumentSheet(bytes.NewReader([]byte(data)), "x.csv", sheetCols)
		if len(errs) != 0 || len(rows) != 1 {
			t.Fatalf("%s: %v", name, errs)
		}
		d := rows[0].Doc
		if d.ColumnID != 7 || d.Kind != KindNormative || d.State != StatePublished || d.DocNo != "某发〔2018〕1号" ||
			len(d.Keywords) != 2 || d.Theme == "" || d.Written == nil || d.Published.Format("2006-01-02") != "2018-03-05" {
			t.Errorf("%s: %+v", name, d)
		}
		if d.BodyHTML != "<p>一段 A&amp;B</p><p>第二段</p>" {
			t.Errorf("%s: body %q", name, d.BodyHTML)
		}
		if len(d.Validity) != 2 || d.Validity[0].Status != ValidityInForce || CurrentValidity(d.Validity) != ValidityAbolished ||
			d.Validity[0].Effective.Format("2006-01-02") != "2018-03-01" {
			t.Errorf("%s: validity %+v", name, d.Validity)
		}
	}
}

func FuzzParseDocumentSheet(f *testing.F) {
	f.Add([]byte(sheetCSV("000014349/2018-00222,标题,,,2018-03-05,,,,,规章,已修改 2019-01-01,policy,x")), "a.csv")
	f.Add([]byte("PK\x03\x04"), "a.xlsx")
	f.Add([]byte("索引号,\"\n"), "a.csv")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		rows, errs := ParseDocumentSheet(bytes.NewReader(data), name, sheetCols)
		if len(errs) > 0 && rows != nil {
			t.Fatalf("rows alongside errors")
		}
		seen := map[string]bool{}
		for _, r := range rows {
			if ValidateIndexNo(r.Doc.IndexNo) != nil || seen[r.Doc.IndexNo] || r.Doc.Published == nil || r.Doc.ColumnID == 0 {
				t.Fatalf("accepted a bad row: %+v", r.Doc)
			}
			seen[r.Doc.IndexNo] = true
		}
	})
}
