package web

import (
	"strconv"
	"unicode/utf8"

	"github.com/gongkai/gongkai/internal/body"
	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// referralForm is the Art. 36(5) form as typed: the responsible body,
// chosen among the platform's bodies or typed, its contact, the
// letter's parts, and whether to forward the application there.
type referralForm struct {
	Holder, Contact string
	HolderBodyID    int64 // a platform body chosen from the list; 0 for none
	Forward         bool
	Letter          letterDetails
}

// readReferralForm reads the fields; only a chosen body that is no
// number is refused here, everything else by step.
func readReferralForm(field func(string) string) (referralForm, error) {
	f := referralForm{Holder: field("holder"), Contact: field("contact"), Forward: field("forward") != "",
		Letter: letterDetails{DocNo: field("doc_no"), Reasons: field("reasons"), ReviewOrgan: field("review_organ"), Court: field("court")}}
	if v := field("holder_body_id"); v != "" && v != "0" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return f, errInvalid("所选机关不存在。")
		}
		f.HolderBodyID = id
	}
	return f, nil
}

// step is the answer on day of a request received by the body own. holder
// is the platform body the form chose (HolderBodyID, as the store has
// it), nil when none was: its name, and its contact when none was
// typed, stand in the letter.
func (f referralForm) step(day workday.Date, holder *body.Body, own int64) (rq.Event, stepDetails, error) {
	var d stepDetails
	ev := rq.Referred{Date: day, Holder: f.Holder, Contact: f.Contact}
	ref := &referralDetails{forward: f.Forward}
	if holder != nil {
		if holder.ID == own {
			return nil, d, errInvalid("负责公开的机关不能是本机关。")
		}
		ref.HolderBodyID = holder.ID
		ev.Holder = holder.Name
		if ev.Contact == "" {
			ev.Contact = contactText(*holder)
		}
	}
	switch {
	case ev.Holder == "":
		return nil, d, errInvalid("请选择或填写负责公开该信息的机关（第三十六条第（五）项）。")
	case utf8.RuneCountInString(ev.Holder) > 100:
		return nil, d, errInvalid("机关名称不超过 100 字。")
	case ev.Contact == "":
		return nil, d, errInvalid("请填写负责公开该信息的机关的联系方式（第三十六条第（五）项）。")
	case utf8.RuneCountInString(ev.Contact) > 500:
		return nil, d, errInvalid("联系方式不超过 500 字。")
	case ref.forward && ref.HolderBodyID == 0:
		return nil, d, errInvalid("只能转送至本平台上的机关：请在列表中选择该机关，或不选转送。")
	}
	letter := f.Letter
	d.Letter = &letter
	d.Referral = ref
	return ev, d, nil
}
