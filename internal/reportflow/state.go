// Package reportflow is the way of a body's annual report (政府信息公开
// 工作年度报告) from draft to publication: the states and steps of its
// submission to the supervising body, the problems that stop an
// approval without a recorded override, comments on sections and table
// cells, the status a supervisor's overview shows (late against the
// Art. 49 deadline included), and the narrative drafts prefilled from
// the year's records. Pure: no database, no HTTP.
package reportflow

import "fmt"

// State is where a body's report for a year is.
type State string

const (
	NotStarted State = ""          // nothing written yet
	Draft      State = "draft"     // being written by the body
	Submitted  State = "submitted" // 已报送: waiting for the supervising body
	Returned   State = "returned"  // 已退回: the supervisor asked for changes
	Approved   State = "approved"  // 审核通过: the body may publish it
	Published  State = "published" // 已发布: immutable; a correction is a new version
)

// Name is the state's Chinese name.
func (s State) Name() string {
	switch s {
	case NotStarted:
		return "未开始"
	case Draft:
		return "草稿"
	case Submitted:
		return "已报送待审"
	case Returned:
		return "已退回修改"
	case Approved:
		return "审核通过待发布"
	case Published:
		return "已发布"
	}
	return string(s)
}

// States lists every state in workflow order.
func States() []State { return []State{NotStarted, Draft, Submitted, Returned, Approved, Published} }

// Editable reports whether the body may change the report's text in
// this state: not while the supervisor has it, not once published (a
// correction starts a new version first).
func (s State) Editable() bool { return s == NotStarted || s == Draft || s == Returned }

// Action is a step of the workflow.
type Action string

const (
	ActionEdit    Action = "edit"    // save the narrative text
	ActionSubmit  Action = "submit"  // 报送: to the supervising body
	ActionReturn  Action = "return"  // 退回: with comments
	ActionApprove Action = "approve" // 审核通过
	ActionPublish Action = "publish" // 发布: in the 年度报告 column
	ActionCorrect Action = "correct" // 更正: start the next version of a published report
	ActionUpload  Action = "upload"  // a report published elsewhere, recorded by a supervisor
	ActionImport  Action = "import"  // a report published before the platform, recorded as published
)

// Name is the action's Chinese name, for the history.
func (a Action) Name() string {
	switch a {
	case ActionEdit:
		return "保存正文"
	case ActionSubmit:
		return "报送"
	case ActionReturn:
		return "退回修改"
	case ActionApprove:
		return "审核通过"
	case ActionPublish:
		return "发布"
	case ActionCorrect:
		return "开始更正"
	case ActionUpload:
		return "上传已发布的年报"
	case ActionImport:
		return "导入已发布的年报"
	}
	return string(a)
}

// transitions is the whole state machine; anything absent is refused.
// A report published elsewhere (upload, import) may be recorded when
// nothing was started here, or as a new version of one already
// published.
var transitions = map[State]map[Action]State{
	NotStarted: {ActionEdit: Draft, ActionSubmit: Submitted, ActionUpload: Published, ActionImport: Published},
	Draft:      {ActionEdit: Draft, ActionSubmit: Submitted},
	Returned:   {ActionEdit: Returned, ActionSubmit: Submitted},
	Submitted:  {ActionReturn: Returned, ActionApprove: Approved},
	Approved:   {ActionReturn: Returned, ActionPublish: Published},
	Published:  {ActionCorrect: Draft, ActionUpload: Published, ActionImport: Published},
}

// ErrTransition is returned for an action the state does not allow.
type ErrTransition struct {
	From   State
	Action Action
}

func (e *ErrTransition) Error() string {
	return fmt.Sprintf("reportflow: cannot %s a report in state %q", e.Action, e.From)
}

// Message is the refusal in Chinese.
func (e *ErrTransition) Message() string {
	return fmt.Sprintf("年度报告当前状态为“%s”，不能%s。", e.From.Name(), e.Action.Name())
}

// Next is the state action leads to from from.
func Next(from State, a Action) (State, error) {
	to, ok := transitions[from][a]
	if !ok {
		return from, &ErrTransition{From: from, Action: a}
	}
	return to, nil
}
