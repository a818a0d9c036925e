package disclosure

import (
	"errors"
	"time"
)

// Validity is the 有效性 of a 规章 or 规范性文件.
type Validity string

const (
	ValidityInForce   Validity = "in_force"  // 现行有效
	ValidityAmended   Validity = "amended"   // 已修改
	ValidityAbolished Validity = "abolished" // 已废止
)

// Name is the Chinese name shown on document pages.
func (v Validity) Name() string {
	switch v {
	case ValidityInForce:
		return "现行有效"
	case ValidityAmended:
		return "已修改"
	case ValidityAbolished:
		return "已废止"
	}
	return ""
}

// InForce reports whether a document with this validity still counts as
// 现行有效 in the annual report: an amended document stays in force in
// its amended form; only abolition ends it.
func (v Validity) InForce() bool { return v == ValidityInForce || v == ValidityAmended }

// ValidityEvent is one entry of a document's append-only 有效性 history.
type ValidityEvent struct {
	ID         int64
	DocumentID int64
	Status     Validity
	Effective  time.Time // the date the change took effect
	ReplacedBy int64     // the replacing or amending document, 0 if none
	Note       string
	Recorded   time.Time
}

var (
	ErrValidityFinal    = errors.New("该文件已废止，有效性不能再变更")
	ErrValidityStatus   = errors.New("有效性只能标记为“已修改”或“已废止”")
	ErrValidityBackward = errors.New("变更日期不能早于上一次有效性变更的日期")
	ErrValidityKind     = errors.New("只有规章和行政规范性文件有有效性")
)

// CheckValidityChange checks that ev may follow history: only 已修改 or
// 已废止, never after abolition, never dated before the last change.
func CheckValidityChange(kind Kind, history []ValidityEvent, ev ValidityEvent) error {
	if !kind.HasValidity() {
		return ErrValidityKind
	}
	if ev.Status != ValidityAmended && ev.Status != ValidityAbolished {
		return ErrValidityStatus
	}
	if n := len(history); n > 0 {
		last := history[n-1]
		if last.Status == ValidityAbolished {
			return ErrValidityFinal
		}
		if ev.Effective.Before(last.Effective) {
			return ErrValidityBackward
		}
	}
	return nil
}

// ValidityAt returns the validity in force at t: the status of the last
// event effective on or before t; ok is false before the first event.
func ValidityAt(history []ValidityEvent, t time.Time) (v Validity, ok bool) {
	for _, e := range history {
		if e.Effective.After(t) {
			break
		}
		v, ok = e.Status, true
	}
	return v, ok
}

// CurrentValidity is the latest status, "" when there is no history.
func CurrentValidity(history []ValidityEvent) Validity {
	if len(history) == 0 {
		return ""
	}
	return history[len(history)-1].Status
}

// AbolishedOn returns the effective date of abolition, if any.
func AbolishedOn(history []ValidityEvent) (time.Time, bool) {
	for _, e := range history {
		if e.Status == ValidityAbolished {
			return e.Effective, true
		}
	}
	return time.Time{}, false
}
