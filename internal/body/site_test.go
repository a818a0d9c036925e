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

func TestSiteOver(t *testing.T) {
	site := Site{Sponsor: "桐柏县人民政府办公室", Organizer: "桐柏县大数据中心", Code: "4113300001", ICP: "豫ICP备12345678号-1",
		Phone: "0377-66912345", Email: "web@example.gov.cn"}
	for _, tc := range []struct {
		name string
		own  Site
		want Site
	}{
		{"nothing of its own", Site{}, site},
		{"its own sponsor and contact", Site{Sponsor: "吴城镇人民政府", Organizer: "吴城镇党政综合办公室", Phone: "0377-66123456"},
			Site{Sponsor: "吴城镇人民政府", Organizer: "吴城镇党政综合办公室", Code: "4113300001", ICP: "豫ICP备12345678号-1",
				Phone: "0377-66123456", Email: "web@example.gov.cn"}},
		{"its own record numbers", Site{ConacID: "1A2B3C", PoliceRecord: "豫公网安备 41133002000123号"},
			Site{Sponsor: site.Sponsor, Organizer: site.Organizer, Code: site.Code, ICP: site.ICP, PoliceRecord: "豫公网安备 41133002000123号",
				ConacID: "1A2B3C", Phone: site.Phone, Email: site.Email}},
	} {
		if got := tc.own.Over(site); got != tc.want {
			t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
