package disclosure

import "fmt"

// State is where a document is in the review workflow.
type State string

const (
	StateDraft     State = "draft"     // being written; editable
	StateSubmitted State = "submitted" // 送审: waiting for the reviewer
	StateApproved  State = "approved"  // 审核通过: 保密审查 done, ready to publish
	StatePublished State = "published" // 已发布: public, 索引号 assigned
	StateWithdrawn State = "withdrawn" // 已撤回: public page shows the reason
)

// Name is the state's Chinese name.
func (s State) Name() string {
	switch s {
	case StateDraft:
		return "草稿"
	case StateSubmitted:
		return "待审核"
	case StateApproved:
		return "审核通过"
	case StatePublished:
		return "已发布"
	case StateWithdrawn:
		return "已撤回"
	}
	return string(s)
}

// States lists the states in workflow order.
func States() []State {
	return []State{StateDraft, StateSubmitted, StateApproved, StatePublished, StateWithdrawn}
}

// Action is a step of the workflow.
type Action string

const (
	ActionEdit     Action = "edit"     // save a new version
	ActionSubmit   Action = "submit"   // send for review
	ActionApprove  Action = "approve"  // pass the 保密审查
	ActionReturn   Action = "return"   // send back to the editor with a reason
	ActionPublish  Action = "publish"  // make public, assigning the 索引号
	ActionWithdraw Action = "withdraw" // take down, keeping the record
)

// transitions is the whole state machine: from each state, what each
// action leads to. Anything absent is refused.
var transitions = map[State]map[Action]State{
	StateDraft:     {ActionEdit: StateDraft, ActionSubmit: StateSubmitted},
	StateSubmitted: {ActionApprove: StateApproved, ActionReturn: StateDraft},
	StateApproved:  {ActionPublish: StatePublished, ActionReturn: StateDraft},
	StatePublished: {ActionWithdraw: StateWithdrawn},
}

// ErrTransition is returned (wrapped) for an action the state forbids.
type ErrTransition struct {
	From   State
	Action Action
}

func (e *ErrTransition) Error() string {
	return fmt.Sprintf("disclosure: %s not allowed in state %s", e.Action, e.From)
}

// Message is the refusal in Chinese, for the person who tried.
func (e *ErrTransition) Message() string {
	return "该文件当前状态为“" + e.From.Name() + "”，不能" + e.Action.Name() + "。"
}

// Name is the action's Chinese name.
func (a Action) Name() string {
	switch a {
	case ActionEdit:
		return "修改"
	case ActionSubmit:
		return "送审"
	case ActionApprove:
		return "审核通过"
	case ActionReturn:
		return "退回"
	case ActionPublish:
		return "发布"
	case ActionWithdraw:
		return "撤回"
	}
	return string(a)
}

// Next returns the state action leads to from s.
func Next(s State, a Action) (State, error) {
	if to, ok := transitions[s][a]; ok {
		return to, nil
	}
	return s, &ErrTransition{From: s, Action: a}
}

// Can reports whether action a is allowed in state s.
func Can(s State, a Action) bool {
	_, ok := transitions[s][a]
	return ok
}
