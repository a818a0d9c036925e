package web

import (
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/gongkai/gongkai/internal/body"
	rq "github.com/gongkai/gongkai/internal/request"
)

// TestReferralForm reads an Art. 36(5) answer: the responsible body typed
// or chosen on the platform (its name, and its contact when none is
// typed, stand in the letter), and forwarding only to a platform body.
func TestReferralForm(t *testing.T) {
	day := stepTestDay("2026-03-05")
	const own = 7
	holder := &body.Body{ID: 9, Name: "江北县自然资源局", Contact: body.Contact{Office: "办公室", Phone: "0551-1"}}
	letter := letterDetails{DocNo: "城告〔2026〕1号", Reasons: "不属于本机关"}
	base := url.Values{"doc_no": {letter.DocNo}, "reasons": {letter.Reasons}}
	with := func(kv ...string) url.Values {
		v := url.Values{}
		for k, x := range base {
			v[k] = x
		}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	cases := []struct {
		name    string
		form    url.Values
		holder  *body.Body // what the store answers for holder_body_id
		want    rq.Event
		ref     referralDetails
		readMsg string // refused before the store is asked
		msg     string
	}{
		{name: "typed", form: with("holder", "市档案馆", "contact", "电话 0551-2"),
			want: rq.Referred{Date: day, Holder: "市档案馆", Contact: "电话 0551-2"}},
		{name: "chosen: its name and contact", form: with("holder_body_id", "9"), holder: holder,
			want: rq.Referred{Date: day, Holder: holder.Name, Contact: "办公室，电话：0551-1"}, ref: referralDetails{HolderBodyID: 9}},
		{name: "chosen with a contact typed", form: with("holder_body_id", "9", "contact", "李科长"), holder: holder,
			want: rq.Referred{Date: day, Holder: holder.Name, Contact: "李科长"}, ref: referralDetails{HolderBodyID: 9}},
		{name: "chosen and forwarded", form: with("holder_body_id", "9", "forward", "1"), holder: holder,
			want: rq.Referred{Date: day, Holder: holder.Name, Contact: "办公室，电话：0551-1"}, ref: referralDetails{HolderBodyID: 9, forward: true}},
		{name: "none chosen is 0", form: with("holder_body_id", "0", "holder", "市档案馆", "contact", "电话"),
			want: rq.Referred{Date: day, Holder: "市档案馆", Contact: "电话"}},
		{name: "a chosen body that is no number", form: with("holder_body_id", "x"), readMsg: "所选机关不存在。"},
		{name: "this body itself", form: with("holder_body_id", "7"), holder: &body.Body{ID: own, Name: "城关镇"},
			msg: "负责公开的机关不能是本机关。"},
		{name: "nobody", form: with("contact", "电话"), msg: "请选择或填写负责公开该信息的机关（第三十六条第（五）项）。"},
		{name: "long name", form: with("holder", strings.Repeat("局", 101), "contact", "电话"), msg: "机关名称不超过 100 字。"},
		{name: "no contact", form: with("holder", "市档案馆"), msg: "请填写负责公开该信息的机关的联系方式（第三十六条第（五）项）。"},
		{name: "long contact", form: with("holder", "市档案馆", "contact", strings.Repeat("电", 501)), msg: "联系方式不超过 500 字。"},
		{name: "forwarded off the platform", form: with("holder", "市档案馆", "contact", "电话", "forward", "1"),
			msg: "只能转送至本平台上的机关：请在列表中选择该机关，或不选转送。"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := readReferralForm(c.form.Get)
			if invalidMessage(err) != c.readMsg || err != nil {
				if invalidMessage(err) != c.readMsg {
					t.Errorf("read: %q, want %q", invalidMessage(err), c.readMsg)
				}
				return
			}
			if (c.holder != nil) != (f.HolderBodyID != 0) {
				t.Fatalf("holder_body_id read as %d", f.HolderBodyID)
			}
			ev, d, err := f.step(day, c.holder, own)
			if invalidMessage(err) != c.msg {
				t.Fatalf("message %q, want %q", invalidMessage(err), c.msg)
			}
			if err != nil {
				return
			}
			if !reflect.DeepEqual(ev, c.want) || d.Referral == nil || *d.Referral != c.ref || d.Letter == nil || *d.Letter != letter {
				t.Errorf("got %+v %+v %+v; want %+v %+v %+v", ev, d.Referral, d.Letter, c.want, c.ref, letter)
			}
		})
	}
}
