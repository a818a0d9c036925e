package disclosure

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/workday"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// ImportHeader is the header row of a sheet of already published
// documents (存量政府信息), in the order of the downloadable template.
var ImportHeader = []string{"索引号", "标题", "文号", "成文日期", "发布日期", "发布机构", "主题分类",
	"体裁", "关键词", "文件类别", "有效性", "栏目", "正文"}

// SheetError is one problem of an imported sheet; Row is 1-based as a
// spreadsheet shows it, 0 for the file as a whole.
type SheetError struct {
	Row int
	Msg string
}

func (e SheetError) Error() string {
	if e.Row == 0 {
		return e.Msg
	}
	return fmt.Sprintf("第 %d 行：%s", e.Row, e.Msg)
}

// SheetRow is one parsed row and the document it becomes.
type SheetRow struct {
	Row int
	Doc Document
}

// maxSheetRows bounds one import so a stray sheet cannot tie up a
// transaction for minutes.
const maxSheetRows = 5000

// ParseDocumentSheet reads an .xlsx (first sheet) or a .csv (UTF-8,
// with or without BOM, or GBK as saved by older Excel). Every row is
// checked and all problems returned, so the caller writes all or none.
// Documents come back published (State, Published, IndexNo set), with
// their 有效性 history and ColumnID resolved among cols (the body's
// columns); BodyID is left for the caller.
func ParseDocumentSheet(r io.Reader, filename string, cols []Column) ([]SheetRow, []SheetError) {
	data, err := io.ReadAll(io.LimitReader(r, 32<<20))
	if err != nil {
		return nil, []SheetError{{Msg: "无法读取上传的文件"}}
	}
	var rows [][]string
	if strings.HasSuffix(strings.ToLower(filename), ".xlsx") || bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		rows, err = xlsxRows(data)
	} else {
		rows, err = csvRows(data)
	}
	if err != nil {
		return nil, []SheetError{{Msg: err.Error()}}
	}
	return parseSheetRows(rows, cols)
}

func xlsxRows(data []byte) ([][]string, error) {
	// Uploaded workbooks are untrusted: bound what unzipping may allocate.
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return nil, fmt.Errorf("无法读取，请上传 .xlsx 或 .csv 文件")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("工作簿中没有工作表")
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, fmt.Errorf("无法读取第一个工作表")
	}
	return rows, nil
}

func csvRows(data []byte) ([][]string, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(data) {
		// Excel on Chinese Windows saves CSV as GBK.
		dec, err := simplifiedchinese.GBK.NewDecoder().Bytes(data)
		if err != nil || !utf8.Valid(dec) {
			return nil, fmt.Errorf("CSV 文件编码无法识别，请另存为 UTF-8 编码")
		}
		data = dec
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("CSV 文件格式有误：%v", err)
	}
	return rows, nil
}

func parseSheetRows(rows [][]string, cols []Column) ([]SheetRow, []SheetError) {
	if len(rows) == 0 {
		return nil, []SheetError{{Msg: "文件为空，第一行应为表头"}}
	}
	idx := map[string]int{}
	for c, v := range rows[0] {
		v = strings.ReplaceAll(strings.TrimSpace(v), " ", "")
		if _, dup := idx[v]; !dup && v != "" {
			idx[v] = c
		}
	}
	var errs []SheetError
	for _, h := range []string{"索引号", "标题", "发布日期", "栏目"} {
		if _, ok := idx[h]; !ok {
			errs = append(errs, SheetError{Row: 1, Msg: "表头缺少“" + h + "”列"})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(rows)-1 > maxSheetRows {
		return nil, []SheetError{{Msg: fmt.Sprintf("一次最多导入 %d 条，请拆分文件", maxSheetRows)}}
	}
	var out []SheetRow
	seen := map[string]int{}
	for i := 1; i < len(rows); i++ {
		row := rows[i]
		if blank(row) {
			continue
		}
		get := func(name string) string {
			c, ok := idx[name]
			if !ok || c >= len(row) {
				return ""
			}
			return strings.TrimSpace(row[c])
		}
		n := i + 1
		bad := func(msg string) { errs = append(errs, SheetError{Row: n, Msg: msg}) }
		d := Document{IndexNo: get("索引号"), Title: get("标题"), DocNo: get("文号"), Publisher: get("发布机构"),
			Genre: get("体裁"), Keywords: splitKeywords(get("关键词")), PublicMode: "主动公开",
			State: StatePublished, Format: FormatHTML}
		if d.IndexNo == "" {
			bad("索引号不能为空")
		} else if err := ValidateIndexNo(d.IndexNo); err != nil {
			bad(err.Error())
		} else if prev, dup := seen[d.IndexNo]; dup {
			bad(fmt.Sprintf("索引号 %s 与第 %d 行重复", d.IndexNo, prev))
		} else {
			seen[d.IndexNo] = n
		}
		if d.Title == "" {
			bad("标题不能为空")
		}
		if t, ok, msg := sheetDate(get("成文日期")); msg != "" {
			bad("成文日期" + msg)
		} else if ok {
			d.Written = &t
		}
		if t, ok, msg := sheetDate(get("发布日期")); msg != "" {
			bad("发布日期" + msg)
		} else if !ok {
			bad("发布日期不能为空")
		} else {
			d.Published = &t
			d.Created = t
		}
		if th := get("主题分类"); th != "" {
			if code, ok := themeCode(th); ok {
				d.Theme = code
			} else {
				bad("未知的主题分类“" + th + "”")
			}
		}
		switch k := get("文件类别"); k {
		case "", "其他":
			d.Kind = KindOther
		case "规章":
			d.Kind = KindRule
		case "行政规范性文件", "规范性文件":
			d.Kind = KindNormative
		default:
			bad("文件类别应为“规章”“行政规范性文件”或“其他”，而不是“" + k + "”")
		}
		if v := get("有效性"); v != "" {
			ev, msg := sheetValidity(v, d)
			switch {
			case msg != "":
				bad(msg)
			case !d.Kind.HasValidity():
				bad(ErrValidityKind.Error())
			default:
				d.Validity = ev
			}
		}
		if col := get("栏目"); col == "" {
			bad("栏目不能为空")
		} else if id, ok := findColumn(cols, col); ok {
			d.ColumnID = id
		} else {
			bad("本单位没有栏目“" + col + "”（或有同名栏目，请填写栏目英文名）")
		}
		body := get("正文")
		if body != "" && !strings.Contains(body, "<") {
			body = textToHTML(body)
		}
		d.BodyHTML, d.Source = body, body
		out = append(out, SheetRow{Row: n, Doc: d})
	}
	if len(out) == 0 && len(errs) == 0 {
		errs = append(errs, SheetError{Msg: "表头下没有任何数据行"})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

// findColumn resolves a 栏目 cell by slug first, then by name; a name
// shared by two columns is ambiguous and refused.
func findColumn(cols []Column, s string) (int64, bool) {
	var byName []int64
	for _, c := range cols {
		if c.Slug == s {
			return c.ID, true
		}
		if c.Name == s {
			byName = append(byName, c.ID)
		}
	}
	if len(byName) == 1 {
		return byName[0], true
	}
	return 0, false
}

// sheetDate accepts the date forms spreadsheets produce: 2021-03-05,
// 2021/3/5, 2021年3月5日 and 20210305. ok is false for an empty cell;
// msg is the Chinese complaint for a bad one.
func sheetDate(s string) (t time.Time, ok bool, msg string) {
	if s == "" {
		return time.Time{}, false, ""
	}
	norm := strings.NewReplacer("年", "-", "月", "-", "日", "", "/", "-", ".", "-").Replace(s)
	for _, layout := range []string{"2006-1-2", "20060102", "2006-1-2 15:04:05", "2006-1-2 15:04"} {
		if t, err := time.ParseInLocation(layout, norm, workday.China); err == nil {
			if t.Year() < 1949 || t.Year() > 2999 {
				return time.Time{}, false, "“" + s + "”不合理"
			}
			return t, true, ""
		}
	}
	return time.Time{}, false, "“" + s + "”无法识别，请写成 2021-03-05"
}

// sheetValidity reads "现行有效", "已修改 2022-01-01" or "已废止
// 2023-05-01": the history starts in force on the 成文日期 (else the
// 发布日期), and a change needs its date.
func sheetValidity(s string, d Document) ([]ValidityEvent, string) {
	status, rest, _ := strings.Cut(strings.TrimSpace(s), " ")
	if strings.HasPrefix(status, "已修改") || strings.HasPrefix(status, "已废止") {
		rest = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "已修改"), "已废止"))
		status = s[:len("已修改")]
	}
	start := d.Published
	if d.Written != nil {
		start = d.Written
	}
	if start == nil {
		return nil, ""
	}
	first := ValidityEvent{Status: ValidityInForce, Effective: *start}
	switch status {
	case "现行有效":
		return []ValidityEvent{first}, ""
	case "已修改", "已废止":
		t, ok, msg := sheetDate(strings.Trim(rest, "（）() "))
		if msg != "" {
			return nil, "有效性变更日期" + msg
		}
		if !ok {
			return nil, "有效性为“" + status + "”时应写明日期，如“" + status + " 2023-05-01”"
		}
		ev := ValidityEvent{Status: ValidityAmended, Effective: t}
		if status == "已废止" {
			ev.Status = ValidityAbolished
		}
		if err := CheckValidityChange(d.Kind, []ValidityEvent{first}, ev); err != nil {
			return nil, err.Error()
		}
		return []ValidityEvent{first, ev}, ""
	}
	return nil, "有效性应为“现行有效”“已修改 日期”或“已废止 日期”，而不是“" + s + "”"
}

// themeCode accepts a theme's code, its name or its full name.
func themeCode(s string) (string, bool) {
	if t, ok := ThemeByCode(s); ok {
		return t.Code, true
	}
	for _, t := range Themes() {
		if t.Name == s || t.FullName == s {
			return t.Code, true
		}
	}
	return "", false
}

func splitKeywords(s string) []string {
	var out []string
	for _, k := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",，;；、 ", r) }) {
		out = append(out, k)
	}
	return out
}

// textToHTML turns a plain-text 正文 into escaped paragraphs.
func textToHTML(s string) string {
	var b strings.Builder
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("<p>" + htmlEscaper.Replace(p) + "</p>")
		}
	}
	return b.String()
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func blank(row []string) bool {
	for _, v := range row {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// WriteImportTemplate writes the downloadable .xlsx: the header row and
// one example row showing the accepted forms.
func WriteImportTemplate(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "存量信息"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("disclosure: import template: %w", err)
	}
	header := make([]any, len(ImportHeader))
	for i, h := range ImportHeader {
		header[i] = h
	}
	example := []any{"000014349/2018-00222", "关于印发某某管理办法的通知", "某政发〔2018〕12号", "2018-03-01",
		"2018-03-05", "某某县人民政府", "综合政务", "通知", "管理办法、通知", "行政规范性文件",
		"已废止 2023-05-01", "政策文件", "正文可以是纯文本或 HTML"}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return fmt.Errorf("disclosure: import template: %w", err)
	}
	if err := f.SetSheetRow(sheet, "A2", &example); err != nil {
		return fmt.Errorf("disclosure: import template: %w", err)
	}
	// Dates and 索引号 typed into the sheet must stay text, or Excel
	// turns them into serial numbers the parser cannot read back.
	style, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return fmt.Errorf("disclosure: import template: %w", err)
	}
	if err := f.SetColStyle(sheet, "A:E", style); err != nil {
		return fmt.Errorf("disclosure: import template: %w", err)
	}
	return f.Write(w)
}
