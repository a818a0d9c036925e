package body

import "testing"

func TestSiteValidate(t *testing.T) {
	good := Site{Sponsor: "桐柏县人民政府办公室", Organizer: "吴城镇人民政府", Code: "4113300001", ICP: "豫ICP备12345678号-1",
		PoliceRecord: "豫公网安备 41133002000123号", ConacID: "1A2B3C4D5E", Email: "gk@example.gov.cn"}
	if errs := good.Validate(); len(errs) != 0 {
		t.Errorf("valid identity refused: %v", errs)
	}
	if (Site{}).Validate()["code"] != "" || !(Site{}).Empty() || good.Empty() {
		t.Error("an empty identity is not allowed or not empty")
	}
	for _, tc := range []struct {
		field string
		s     Site
	}{
		{"code", Site{Code: "41133"}},
		{"icp", Site{ICP: "ICP12345678"}},
		{"police_record", Site{PoliceRecord: "豫公网安备 4113号"}},
		{"conac_id", Site{ConacID: "<script>"}},
		{"email", Site{Email: "not-an-address"}},
	} {
		if tc.s.Validate()[tc.field] == "" {
			t.Errorf("%s: %+v accepted", tc.field, tc.s)
		}
	}
	if got := good.PoliceRecordCode(); got != "41133002000123" {
		t.Errorf("PoliceRecordCode = %q", got)
	}
}
