package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gongkai/gongkai/internal/auth"
	"github.com/gongkai/gongkai/internal/body"
	"github.com/gongkai/gongkai/internal/disclosure"
	"github.com/gongkai/gongkai/internal/store"
)

// periodDefault in a form means "the period the column type implies".
const periodDefault = "default"

type columnRow struct {
	Col        disclosure.Column
	Indent     string // full-width spaces by depth
	Path       string // parent names, for accessible labels
	TypeName   string
	PeriodName string
	Published  int
	Last       *time.Time
	Types      []option
	Periods    []option
}

type columnsView struct {
	Page
	Body    body.Body
	Rows    []columnRow
	CanEdit bool
	// The new-column form.
	Parents []option
	Types   []option
	Periods []option
	Name    string
	Slug    string
	Errors  []string
}

func typeOptions(selected disclosure.ColumnType) []option {
	var out []option
	for _, t := range disclosure.ColumnTypes() {
		out = append(out, option{Value: string(t), Name: t.Name(), Selected: t == selected})
	}
	return out
}

// periodOptions lists the choices; withDefault adds "按类型默认" first.
func periodOptions(selected string, withDefault bool) []option {
	var out []option
	if withDefault {
		out = append(out, option{Value: periodDefault, Name: "按栏目类型默认", Selected: selected == periodDefault})
	}
	for _, p := range disclosure.PeriodChoices() {
		out = append(out, option{Value: p.String(), Name: p.Name(), Selected: p.String() == selected})
	}
	return out
}

func (s *server) columnsPage(r *http.Request, b body.Body) (columnsView, error) {
	ctx := r.Context()
	cols, err := s.store.Columns(ctx, b.ID)
	if err != nil {
		return columnsView{}, err
	}
	stats, err := s.store.ColumnStats(ctx, b.ID)
	if err != nil {
		return columnsView{}, err
	}
	v := columnsView{Page: s.consolePage(r, "栏目管理 - "+b.Name, "/admin/bodies"), Body: b,
		Types: typeOptions(disclosure.ColumnNews), Periods: periodOptions(periodDefault, true)}
	v.CanEdit, err = s.can(ctx, principalFrom(ctx), auth.PermBodyEdit, b.ID)
	if err != nil {
		return columnsView{}, err
	}
	v.Parents = append(v.Parents, option{Value: "0", Name: "（顶级栏目）"})
	for _, c := range columnTree(cols) {
		st := stats[c.col.ID]
		row := columnRow{Col: c.col, Indent: strings.Repeat("　", c.depth), Path: c.path,
			TypeName: c.col.Type.Name(), PeriodName: c.col.Period.Name(), Published: st.Published,
			Types: typeOptions(c.col.Type), Periods: periodOptions(c.col.Period.String(), false)}
		if !st.Last.IsZero() {
			last := st.Last
			row.Last = &last
		}
		v.Rows = append(v.Rows, row)
		p := c.col
		if disclosure.CanHoldOwnColumns(&p) {
			v.Parents = append(v.Parents, option{Value: idStr(c.col.ID), Name: row.Indent + c.col.Name})
		}
	}
	return v, nil
}

type treeColumn struct {
	col   disclosure.Column
	depth int
	path  string
}

// columnTree orders columns depth-first, each after its parent, so the
// list reads as the site's menu does.
func columnTree(cols []disclosure.Column) []treeColumn {
	kids := map[int64][]disclosure.Column{}
	for _, c := range cols {
		kids[c.ParentID] = append(kids[c.ParentID], c)
	}
	var out []treeColumn
	var walk func(parent int64, depth int, path string)
	walk = func(parent int64, depth int, path string) {
		for _, c := range kids[parent] {
			out = append(out, treeColumn{col: c, depth: depth, path: path})
			walk(c.ID, depth+1, path+c.Name+" / ")
		}
	}
	walk(0, 0, "")
	return out
}

// columnList is a body's column tree with update periods.
func (s *server) columnList(w http.ResponseWriter, r *http.Request) error {
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	v, err := s.columnsPage(r, b)
	if err != nil {
		return err
	}
	return s.render(w, r, "console_columns", v)
}

// columnCreate adds one of the body's own columns.
func (s *server) columnCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	b, err := s.bodyFromPath(r)
	if err != nil {
		return err
	}
	f, errs := readNewColumn(r.PostFormValue, b.ID)
	name, typ, period := f.Column.Name, f.Column.Type, f.Column.Period
	var id int64
	if len(errs) == 0 {
		err = s.audited(r, func(r *http.Request) error {
			var err error
			id, err = s.store.AddColumn(r.Context(), f.Column)
			if err != nil {
				return err
			}
			return s.record(r, principalFrom(ctx), "column.create", b.ID, "column:"+idStr(id),
				fmt.Sprintf("%s（%s，更新周期%s）", name, typ.Name(), period.Name()))
		})
		switch {
		case errors.Is(err, disclosure.ErrFixedColumn):
			errs = append(errs, "该栏目下不能新建栏目：请选择顶级、“法定主动公开内容”或本单位自设的栏目。")
		case isConflict(err):
			errs = append(errs, "网址标识已被本单位的其他栏目使用。")
		case isNotFound(err):
			errs = append(errs, "上级栏目不存在。")
		case err != nil:
			return err
		}
	}
	if len(errs) > 0 {
		v, err := s.columnsPage(r, b)
		if err != nil {
			return err
		}
		v.Name, v.Slug, v.Errors = name, f.Column.Slug, errs
		v.Types, v.Periods = typeOptions(typ), periodOptions(f.Period, true)
		for i := range v.Parents {
			v.Parents[i].Selected = v.Parents[i].Value == f.ParentRaw
		}
		return s.renderStatus(w, r, "console_columns", http.StatusUnprocessableEntity, v)
	}
	s.notice(r, "栏目“"+name+"”已新建。")
	return seeOther(w, r, fmt.Sprintf("/admin/bodies/%d/columns", b.ID))
}

// columnFromPath loads the column named by the path; the guard has
// already checked the permission on its body.
func (s *server) columnFromPath(r *http.Request) (disclosure.Column, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return disclosure.Column{}, err
	}
	return s.column(r.Context(), id)
}

// columnSave renames a column and sets its type and update period.
func (s *server) columnSave(w http.ResponseWriter, r *http.Request) error {
	c, err := s.columnFromPath(r)
	if err != nil {
		return err
	}
	back := fmt.Sprintf("/admin/bodies/%d/columns", c.BodyID)
	edited, errs := readColumnEdit(r.PostFormValue, c)
	if len(errs) > 0 {
		s.notice(r, "栏目“"+c.Name+"”未保存："+strings.Join(errs, ""))
		return seeOther(w, r, back)
	}
	c = edited
	typ, period := c.Type, c.Period
	if err := s.audited(r, func(r *http.Request) error {
		if err := s.store.UpdateColumn(r.Context(), c); err != nil {
			return err
		}
		return s.record(r, principalFrom(r.Context()), "column.edit", c.BodyID, "column:"+idStr(c.ID),
			fmt.Sprintf("%s（%s，更新周期%s）", c.Name, typ.Name(), period.Name()))
	}); err != nil {
		return err
	}
	s.notice(r, "栏目“"+c.Name+"”已保存。")
	return seeOther(w, r, back)
}

// columnMove moves a column up or down among its siblings.
func (s *server) columnMove(w http.ResponseWriter, r *http.Request) error {
	c, err := s.columnFromPath(r)
	if err != nil {
		return err
	}
	back := fmt.Sprintf("/admin/bodies/%d/columns", c.BodyID)
	up := r.PostFormValue("dir") == "up"
	err = s.audited(r, func(r *http.Request) error {
		if err := s.store.MoveColumn(r.Context(), c.ID, up); err != nil {
			return err
		}
		return s.record(r, principalFrom(r.Context()), "column.move", c.BodyID, "column:"+idStr(c.ID),
			c.Name+map[bool]string{true: " 上移", false: " 下移"}[up])
	})
	if errors.Is(err, disclosure.ErrFixedColumn) {
		s.notice(r, disclosure.ErrFixedColumn.Error()+"。")
		return seeOther(w, r, back)
	} else if err != nil {
		return err
	}
	return seeOther(w, r, back)
}

// columnRetire retires a column or restores it. Columns are never
// deleted, so documents filed in them keep their addresses.
func (s *server) columnRetire(w http.ResponseWriter, r *http.Request) error {
	c, err := s.columnFromPath(r)
	if err != nil {
		return err
	}
	back := fmt.Sprintf("/admin/bodies/%d/columns", c.BodyID)
	retire := r.PostFormValue("retired") != "0"
	action, msg := "column.retire", "栏目“"+c.Name+"”已停用，其中的文件仍可通过原网址访问。"
	if !retire {
		action, msg = "column.restore", "栏目“"+c.Name+"”已恢复。"
	}
	err = s.audited(r, func(r *http.Request) error {
		if err := s.store.SetColumnRetired(r.Context(), c.ID, retire); err != nil {
			return err
		}
		return s.record(r, principalFrom(r.Context()), action, c.BodyID, "column:"+idStr(c.ID), c.Name)
	})
	if errors.Is(err, disclosure.ErrFixedColumn) {
		s.notice(r, disclosure.ErrFixedColumn.Error()+"。")
		return seeOther(w, r, back)
	} else if err != nil {
		return err
	}
	s.notice(r, msg)
	return seeOther(w, r, back)
}

// isConflict reports a unique-key clash from the store.
func isConflict(err error) bool { return errors.Is(err, store.ErrConflict) }
