package annualreport

import (
	"bufio"
	"errors"
	"io"
	"strings"
)

// RenderText writes r in the flattened text form readText reads: one
// paragraph per line, table cells separated by " | ", tables laid out as
// the format defines them. Reading the output gives the same model.
func RenderText(w io.Writer, r *Report) error {
	if r == nil {
		return errors.New("没有可输出的年度报告")
	}
	bw := bufio.NewWriter(w)
	f := r.layoutFormat()
	line := func(cells ...string) {
		bw.WriteString(strings.Join(cells, " | "))
		bw.WriteByte('\n')
	}
	text := func(s string) {
		for _, l := range strings.Split(s, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				bw.WriteString(strings.ReplaceAll(l, "|", "¦"))
				bw.WriteByte('\n')
			}
		}
	}
	title := r.Title
	if title == "" && r.Org != "" && r.Year != 0 {
		title = r.Org + itoa(r.Year) + "年政府信息公开工作年度报告"
	}
	text(title)
	if r.Published != nil {
		text("发布日期：" + r.Published.Format("2006-01-02"))
	}
	text(r.Preamble)
	for _, s := range f.Sections {
		body, ok := r.Sections[s.ID]
		if ok {
			text(s.Label)
			text(body)
		}
		switch s.ID {
		case "二":
			renderTwo(f, r, line)
		case "三":
			renderThree(f, r, line)
		case "四":
			renderFour(f, r, line)
		}
	}
	return bw.Flush()
}

// layoutFormat is the format to lay the tables out in.
func (r *Report) layoutFormat() *Format {
	if f := FormatByID(r.Format); f != nil {
		return f
	}
	if f := FormatForYear(r.Year); f != nil {
		return f
	}
	return formats[len(formats)-1]
}

func renderTwo(f *Format, r *Report, line func(...string)) {
	for _, st := range f.Two {
		var rows []Label
		for _, row := range st.Rows {
			if _, ok := r.Tables.Two[row.Label]; ok {
				rows = append(rows, row)
			}
		}
		if len(rows) == 0 {
			continue
		}
		line(st.Caption, "")
		header := []string{"信息内容"}
		inCell := map[string]bool{} // unit written in the cells, not the header
		for _, c := range st.Columns {
			label := c.Label
			if c.UnitFromReport {
				unit, same := "", true
				for i, row := range rows {
					u := r.Units[row.Label+"/"+c.Label]
					if i == 0 {
						unit = u
					} else if u != unit {
						same = false
					}
				}
				switch {
				case !same:
					inCell[c.Label] = true
				case unit != "":
					label += "（单位：" + unit + "）"
				}
			}
			header = append(header, label)
		}
		line(header...)
		for _, row := range rows {
			cells := []string{row.Label}
			for _, c := range st.Columns {
				cell := r.Tables.Two[row.Label][c.Label]
				t := cellText(cell)
				if inCell[c.Label] && cell.State == Value {
					t += r.Units[row.Label+"/"+c.Label]
				}
				cells = append(cells, t)
			}
			line(cells...)
		}
	}
}

func renderThree(f *Format, r *Report, line func(...string)) {
	if len(r.Tables.Three) == 0 {
		return
	}
	cols := f.Three.Columns
	grouped := map[string]bool{}
	for _, c := range cols {
		if c.Group != "" {
			grouped[c.Group] = true
		}
	}
	top := []string{f.Three.Corner}
	for _, g := range f.Three.Groups {
		if !grouped[g] {
			top = append(top, g)
		}
	}
	line(top...)
	var second, third []string
	shown := map[string]bool{}
	for _, c := range cols {
		switch {
		case c.Group == "":
			second = append(second, c.Label)
		case !shown[c.Group]:
			shown[c.Group] = true
			second = append(second, c.Group)
			fallthrough
		default:
			third = append(third, c.Label)
		}
	}
	line(second...)
	if len(third) > 0 {
		line(third...)
	}
	printed := map[string]bool{}
	for _, row := range f.DataRows() {
		cells, ok := r.Tables.Three[row.ID]
		if !ok {
			continue
		}
		// Group labels (merged first columns) go before the first row
		// under them.
		var labels []string
		for p := row.Parent; p != ""; {
			pr, _ := f.Row(p)
			if !printed[p] {
				printed[p] = true
				labels = append([]string{pr.Label}, labels...)
			}
			p = pr.Parent
		}
		labels = append(labels, row.Label)
		for _, c := range cols {
			labels = append(labels, cellText(cells[c.Label]))
		}
		line(labels...)
	}
}

func renderFour(f *Format, r *Report, line func(...string)) {
	if len(r.Tables.Four) == 0 {
		return
	}
	var first, second, third []string
	seenParent := map[string]bool{}
	for _, g := range f.Four.Groups {
		if g.Parent == "" {
			first = append(first, g.Label)
			for _, c := range f.Four.Columns {
				second = append(second, c.Label)
			}
			continue
		}
		if !seenParent[g.Parent] {
			seenParent[g.Parent] = true
			first = append(first, g.Parent)
		}
		second = append(second, g.Label)
		for _, c := range f.Four.Columns {
			third = append(third, c.Label)
		}
	}
	line(first...)
	line(second...)
	if len(third) > 0 {
		line(third...)
	}
	var figures []string
	for _, gc := range f.fourCells() {
		figures = append(figures, cellText(r.Tables.Four[gc[0]][gc[1]]))
	}
	line(figures...)
}
