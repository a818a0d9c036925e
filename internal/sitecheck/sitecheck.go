// Package sitecheck applies the column rules of the national website
// inspection indicators (国办秘函〔2019〕19号) to a body's own data, so
// a body sees on any date what an inspector would find: late columns,
// blank columns, and whether a single-veto (单项否决) rule is hit.
package sitecheck

import (
	"time"

	"github.com/gongkai/gongkai/internal/disclosure"
)

// Thresholds of the single-veto rules.
const (
	StaleVeto     = 5  // 栏目不更新: ≥ 5 key columns late
	LongStaleVeto = 10 // 栏目不更新: ≥ 10 columns late by their own period
	BlankVeto     = 5  // 空白栏目: ≥ 5 columns without content
)

// Column is what the check needs to know about one column.
type Column struct {
	ID         int64
	Name       string
	Type       disclosure.ColumnType
	Period     disclosure.Period // expected update period; zero: none
	FirstLevel bool              // a top-level column of the site
	Container  bool              // has sub-columns, so holds no content itself
	Documents  int               // published documents
	Last       time.Time         // last publication; zero when none
}

// Finding is one late or blank column.
type Finding struct {
	Column Column
	// Key marks a column that counts toward the 5-column 栏目不更新 rule:
	// a 动态要闻 column 2 weeks late, or a first-level 通知公告/政策文件
	// column 6 months late.
	Key bool
	// Due is the date by which new content was expected (late only).
	Due time.Time
}

// Result is the outcome of a check on one date.
type Result struct {
	On        time.Time
	Late      []Finding
	Blank     []Finding
	KeyLate   int  // late columns counted by the 5-column rule
	StaleHit  bool // 栏目不更新 single veto
	BlankHit  bool // 空白栏目 single veto
	Inspected int  // columns looked at
	// Latest is the newest publication in any column; HomeHit is the
	// 首页不更新 single veto: nothing new for 2 weeks, as the home page
	// shows the newest content of the columns.
	Latest  time.Time
	HomeHit bool
}

// Unqualified reports whether any single-veto rule is hit.
func (r Result) Unqualified() bool { return r.StaleHit || r.BlankHit || r.HomeHit }

// Check inspects the columns on date on. A column without content is
// blank, not late: the rules count the two separately. Containers are
// skipped, since their content lives in their sub-columns.
func Check(cols []Column, on time.Time) Result {
	res := Result{On: on}
	for _, c := range cols {
		if c.Last.After(res.Latest) {
			res.Latest = c.Last
		}
		if c.Container {
			continue
		}
		res.Inspected++
		if c.Documents == 0 {
			res.Blank = append(res.Blank, Finding{Column: c})
			continue
		}
		key := keyLate(c, on)
		late := c.Period.N > 0 && c.Last.Before(c.Period.Before(on))
		if !late && !key {
			continue
		}
		f := Finding{Column: c, Key: key}
		if c.Period.N > 0 {
			f.Due = c.Period.Before(on)
		}
		res.Late = append(res.Late, f)
		if key {
			res.KeyLate++
		}
	}
	res.StaleHit = res.KeyLate >= StaleVeto || len(res.Late) >= LongStaleVeto
	res.BlankHit = len(res.Blank) >= BlankVeto
	res.HomeHit = res.Latest.Before(on.AddDate(0, 0, -14))
	return res
}

// keyLate applies the rules' own fixed periods, whatever the column's
// configured period, since the inspector uses them.
func keyLate(c Column, on time.Time) bool {
	switch {
	case c.Type == disclosure.ColumnNews:
		return c.Last.Before(on.AddDate(0, 0, -14))
	case c.FirstLevel && (c.Type == disclosure.ColumnNotice || c.Type == disclosure.ColumnPolicy):
		return c.Last.Before(on.AddDate(0, -6, 0))
	}
	return false
}
