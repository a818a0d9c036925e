package web

import (
	rq "github.com/gongkai/gongkai/internal/request"
)

// nextStep is the request page's suggestion: the likely step (or two)
// shown unfolded above the rest, with why it is likely now.
type nextStep struct {
	Label string
	Note  string
}

// suggestSteps orders the step forms with the suggested ones first
// (rq.Suggest) and returns how many of them lead; the rest keep their
// usual order, folded. Without a suggestion among the forms, nothing
// leads and every step is folded as before.
func suggestSteps(steps []stepForm, st rq.Status) ([]stepForm, int, *nextStep) {
	sg, ok := rq.Suggest(st)
	if !ok {
		return steps, 0, nil
	}
	var lead, rest []stepForm
	for _, sf := range steps {
		switch {
		case sf.Kind == sg.Kind && (sg.Kind != rq.KindAbandoned || sf.Reason == sg.Reason):
			lead = append([]stepForm{sf}, lead...)
		case sg.Also != "" && sf.Kind == sg.Also:
			sf.Label += "（期限 " + rq.MonthDay(sg.AlsoDue) + "）"
			lead = append(lead, sf)
		default:
			rest = append(rest, sf)
		}
	}
	if len(lead) == 0 || lead[0].Kind != sg.Kind {
		return steps, 0, nil
	}
	next := &nextStep{Label: lead[0].Label, Note: sg.Note}
	if len(lead) > 1 {
		next.Label += "，或" + lead[1].Label
	}
	return append(lead, rest...), len(lead), next
}

// RestOpen reports whether the folded steps must show unfolded: the
// step a refused form came from is among them.
func (v requestPageView) RestOpen() bool {
	for _, sf := range v.Steps[v.Leading:] {
		if string(sf.Kind) == v.OpenStep {
			return true
		}
	}
	return false
}
