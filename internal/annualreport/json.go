package annualreport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Schema is the id of the JSON contract.
const Schema = "gongkai.annual-report/v1"

// MarshalJSON writes the report in the JSON contract (Schema), keys in
// format order: schema, org, year, format, title, published (when known),
// preamble (when any), sections, tables (二 by row label then column, 三
// by canonical row id then column, 四 by group then column), units (when
// any), sources (only for a report read from a document: per table
// section an object {reader: text|html|docx|xlsx|pdf, pages: [PDF pages],
// method: grid|text-heuristic, confidence: high|medium|low}, see
// TableSource) and findings. A cell is a number, "/" (not applicable) or null
// (blank); an unreadable cell keeps its text as a string other than "/"
// and has a bad-value finding.
func (r Report) MarshalJSON() ([]byte, error) {
	f := r.layoutFormat()
	obj := jsonObject{
		{"schema", Schema},
		{"org", r.Org},
		{"year", r.Year},
		{"format", r.Format},
		{"title", r.Title},
	}
	if r.Published != nil {
		obj = append(obj, jsonField{"published", r.Published.Format("2006-01-02")})
	}
	if r.Preamble != "" {
		obj = append(obj, jsonField{"preamble", r.Preamble})
	}
	var secs jsonObject
	var secOrder []string
	for _, s := range f.Sections {
		secOrder = append(secOrder, s.ID)
	}
	for _, id := range orderKeys(r.Sections, secOrder) {
		secs = append(secs, jsonField{id, r.Sections[id]})
	}
	obj = append(obj, jsonField{"sections", secs})

	var twoRows, twoCols []string
	for _, st := range f.Two {
		for _, row := range st.Rows {
			twoRows = append(twoRows, row.Label)
		}
		for _, c := range st.Columns {
			twoCols = append(twoCols, c.Label)
		}
	}
	var fourRows []string
	for _, g := range f.Four.Groups {
		fourRows = append(fourRows, g.ID)
	}
	var fourCols []string
	for _, c := range f.Four.Columns {
		fourCols = append(fourCols, c.Label)
	}
	tables := jsonObject{
		{"二", tableJSON(r.Tables.Two, twoRows, twoCols)},
		{"三", tableJSON(r.Tables.Three, rowIDs(f.Three.Rows), f.ThreeColumns())},
		{"四", tableJSON(r.Tables.Four, fourRows, fourCols)},
	}
	obj = append(obj, jsonField{"tables", tables})
	if len(r.Units) > 0 {
		var units jsonObject
		for _, k := range sortedKeys(r.Units) {
			units = append(units, jsonField{k, r.Units[k]})
		}
		obj = append(obj, jsonField{"units", units})
	}
	if len(r.Sources) > 0 {
		var srcs jsonObject
		for _, id := range orderKeys(r.Sources, []string{"二", "三", "四"}) {
			srcs = append(srcs, jsonField{id, r.Sources[id]})
		}
		obj = append(obj, jsonField{"sources", srcs})
	}
	findings := r.Findings
	if findings == nil {
		findings = []Finding{}
	}
	obj = append(obj, jsonField{"findings", findings})
	return json.Marshal(obj)
}

func tableJSON(t map[string]map[string]Cell, rowOrder, colOrder []string) jsonObject {
	out := jsonObject{}
	for _, row := range orderKeys(t, rowOrder) {
		cells := jsonObject{}
		for _, col := range orderKeys(t[row], colOrder) {
			cells = append(cells, jsonField{col, jsonCell(t[row][col])})
		}
		out = append(out, jsonField{row, cells})
	}
	return out
}

func jsonCell(c Cell) any {
	switch {
	case c.Raw != "":
		return c.Raw
	case c.State == Value:
		return json.RawMessage(formatNum(c.Num))
	case c.State == NotApplicable:
		return "/"
	}
	return nil
}

// orderKeys lists the keys of m in the given order, then any others
// sorted.
func orderKeys[V any](m map[string]V, order []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range order {
		if _, ok := m[k]; ok && !seen[k] {
			out = append(out, k)
			seen[k] = true
		}
	}
	for _, k := range sortedKeys(m) {
		if !seen[k] {
			out = append(out, k)
		}
	}
	return out
}

// jsonObject is a JSON object that keeps its key order.
type jsonObject []jsonField

type jsonField struct {
	Key   string
	Value any
}

func (o jsonObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.Key)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(f.Value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// reportJSON is the decoding side of the contract.
type reportJSON struct {
	Schema    string            `json:"schema"`
	Org       string            `json:"org"`
	Year      int               `json:"year"`
	Format    string            `json:"format"`
	Title     string            `json:"title"`
	Published string            `json:"published"`
	Preamble  string            `json:"preamble"`
	Sections  map[string]string `json:"sections"`
	Tables    struct {
		Two   map[string]map[string]json.RawMessage `json:"二"`
		Three map[string]map[string]json.RawMessage `json:"三"`
		Four  map[string]map[string]json.RawMessage `json:"四"`
	} `json:"tables"`
	Units    map[string]string      `json:"units"`
	Sources  map[string]TableSource `json:"sources"`
	Findings []Finding              `json:"findings"`
}

// UnmarshalJSON reads the JSON contract back into a Report.
func (r *Report) UnmarshalJSON(data []byte) error {
	var in reportJSON
	if err := json.Unmarshal(data, &in); err != nil {
		return fmt.Errorf("年度报告JSON无法解析: %w", err)
	}
	if in.Schema != Schema {
		return fmt.Errorf("年度报告JSON的schema为%q，应为%q", in.Schema, Schema)
	}
	out := Report{
		Org: in.Org, Year: in.Year, Format: in.Format, Title: in.Title, Preamble: in.Preamble,
		Sections: in.Sections, Units: in.Units, Sources: in.Sources, Findings: in.Findings,
	}
	if out.Sections == nil {
		out.Sections = map[string]string{}
	}
	if out.Units == nil {
		out.Units = map[string]string{}
	}
	if in.Published != "" {
		t, err := time.Parse("2006-01-02", in.Published)
		if err != nil {
			return fmt.Errorf("年度报告JSON的published %q不是日期（YYYY-MM-DD）", in.Published)
		}
		out.Published = &t
	}
	var err error
	if out.Tables.Two, err = decodeTable("二", in.Tables.Two); err != nil {
		return err
	}
	if out.Tables.Three, err = decodeTable("三", in.Tables.Three); err != nil {
		return err
	}
	if out.Tables.Four, err = decodeTable("四", in.Tables.Four); err != nil {
		return err
	}
	*r = out
	return nil
}

func decodeTable(name string, t map[string]map[string]json.RawMessage) (map[string]map[string]Cell, error) {
	out := map[string]map[string]Cell{}
	for row, cells := range t {
		m := map[string]Cell{}
		for col, raw := range cells {
			c, err := decodeCell(raw)
			if err != nil {
				return nil, fmt.Errorf("表%s「%s」行「%s」列: %w", name, row, col, err)
			}
			m[col] = c
		}
		out[row] = m
	}
	return out, nil
}

var errBadJSONCell = errors.New("单元格应为数字、\"/\"或null")

func decodeCell(raw json.RawMessage) (Cell, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return Cell{State: Blank}, nil
	case raw[0] == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return Cell{}, errBadJSONCell
		}
		switch s {
		case "/":
			return Cell{State: NotApplicable}, nil
		case "":
			return Cell{State: Blank}, nil
		}
		return Cell{State: Blank, Raw: s}, nil
	}
	v, err := strconv.ParseFloat(string(raw), 64)
	if err != nil {
		return Cell{}, errBadJSONCell
	}
	return Cell{State: Value, Num: v}, nil
}

// DecodeJSON reads a report from the JSON contract.
func DecodeJSON(data []byte) (*Report, error) {
	r := new(Report)
	if err := r.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	return r, nil
}

// EncodeJSON writes a report in the JSON contract, indented.
func EncodeJSON(r *Report) ([]byte, error) {
	return json.MarshalIndent(r, "", "  ")
}
