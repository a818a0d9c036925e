package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	rq "github.com/gongkai/gongkai/internal/request"
	"github.com/gongkai/gongkai/internal/workday"
)

// applyOnline files applyForm(v) through township A's public form and
// returns the stored request with its lookup secret.
func (e *testEnv) applyOnline(t *testing.T, v url.Values) (rq.Request, string) {
	t.Helper()
	if v.Get("sought") == "" {
		// Distinct applications: the same one within a minute is refused.
		nv := url.Values{"sought": {"资料（第 " + e.unique() + " 件）"}}
		for k, x := range v {
			if k != "sought" {
				nv[k] = x
			}
		}
		v = nv
	}
	w := e.followReceipt(request("POST", "/b/"+e.a.Slug+"/apply", applyForm(v), nil))
	code, secret := codeRE.FindStringSubmatch(w.Body.String()), secretRE.FindStringSubmatch(w.Body.String())
	if code != nil {
		code[1] = normalizeCode(code[1]) // the receipt groups it: 7KQ4-M9XT-ABCD
	}
	if w.Code != http.StatusOK || code == nil || secret == nil {
		t.Fatalf("apply: %d\n%.2000s", w.Code, w.Body.String())
	}
	q, err := e.st.RequestByCode(context.Background(), code[1])
	if err != nil {
		t.Fatal(err)
	}
	return q, secret[1]
}

// storedRequest files a request straight into the store: applicant
// idNumber, received on day.
func (e *testEnv) storedRequest(t *testing.T, bodyID int64, idNumber, day string) rq.Request {
	t.Helper()
	q, err := e.st.CreateRequest(context.Background(), rq.Request{BodyID: bodyID, Code: fmt.Sprintf("S%011s", e.unique()),
		SecretHash: hashSecret("secret"), ApplicantType: "自然人", ApplicantName: "张三", IDType: idResident, IDNumber: idNumber,
		Phone: "13800000000", Sought: "资料", Delivery: "电子邮件", Email: "zhang@example.com", Channel: rq.InPerson,
		Received: workday.MustParse(day)}, 0, "")
	if err != nil {
		t.Fatal(err)
	}
	return q
}
