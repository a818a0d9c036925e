package web

import (
	"strconv"
	"strings"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// newColumnForm is a column as the console's new-column form sends it,
// with the raw period and parent kept to show the form again as typed.
type newColumnForm struct {
	Column            disclosure.Column
	Period, ParentRaw string
}

// readNewColumn reads the new-column form of body bodyID: type and
// period, then name, address slug and parent, each problem one message
// in that order.
func readNewColumn(get func(string) string, bodyID int64) (newColumnForm, []string) {
	f := newColumnForm{Period: get("period"), ParentRaw: get("parent_id")}
	c := disclosure.Column{BodyID: bodyID, Name: strings.TrimSpace(get("name")), Slug: strings.TrimSpace(get("slug"))}
	var errs []string
	c.Type, c.Period, errs = readColumnKind(get)
	if m := disclosure.CheckColumnName(c.Name); m != "" {
		errs = append(errs, m)
	}
	if m := disclosure.CheckColumnSlug(c.Slug); m != "" {
		errs = append(errs, m)
	}
	parent, err := strconv.ParseInt(f.ParentRaw, 10, 64)
	if err != nil || parent < 0 {
		errs = append(errs, "请选择上级栏目。")
	}
	c.ParentID = parent
	f.Column = c
	return f, errs
}

// readColumnEdit applies a column row's save form to c: type and period,
// then the name — except a statutory column's, which is fixed (its type
// and period are not). c is returned unchanged when the form has errors.
func readColumnEdit(get func(string) string, c disclosure.Column) (disclosure.Column, []string) {
	typ, period, errs := readColumnKind(get)
	name := strings.TrimSpace(get("name"))
	if c.Fixed {
		name = c.Name
	} else if m := disclosure.CheckColumnName(name); m != "" {
		errs = append(errs, m)
	}
	if len(errs) > 0 {
		return c, errs
	}
	c.Name, c.Type, c.Period = name, typ, period
	return c, nil
}

// readColumnKind reads type and update period; the period defaults by
// type.
func readColumnKind(get func(string) string) (disclosure.ColumnType, disclosure.Period, []string) {
	var errs []string
	t := disclosure.ColumnType(get("type"))
	if !t.Valid() {
		errs = append(errs, "请选择栏目类型。")
	}
	raw := get("period")
	if raw == periodDefault {
		return t, disclosure.DefaultPeriod(t), errs
	}
	p, err := disclosure.ParsePeriod(raw)
	if err != nil {
		errs = append(errs, "更新周期不正确。")
	}
	return t, p, errs
}
