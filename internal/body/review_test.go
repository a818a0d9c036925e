package body

import "testing"

// TestReviewOrganArt24: the default 行政复议机关 is the nearest people's
// government at county level or above (行政复议法 Art. 24).
func TestReviewOrganArt24(t *testing.T) {
	province := Body{Name: "某省人民政府", Kind: Province}
	city := Body{Name: "某市人民政府", Kind: City}
	county := Body{Name: "桐柏县人民政府", Kind: County}
	town := Body{Name: "吴城镇人民政府", Kind: Township}
	tests := []struct {
		name string
		b    Body
		up   []Body
		want string
	}{
		{"county department → county government", Body{Kind: Department}, []Body{county, city}, county.Name},
		{"township → county government", town, []Body{county, city}, county.Name},
		{"county → city government", county, []Body{city, province}, city.Name},
		{"department under a township's office → county", Body{Kind: Department}, []Body{town, county}, county.Name},
		{"village: none", Body{Kind: Village}, []Body{town, county}, ""},
		{"root: none", province, nil, ""},
	}
	for _, tt := range tests {
		got, ok := ReviewOrgan(tt.b, tt.up)
		if got.Name != tt.want || ok != (tt.want != "") {
			t.Errorf("%s: %q %v, want %q", tt.name, got.Name, ok, tt.want)
		}
	}
}

// TestCourtAdministrativeLitigationArts14To18: the default 管辖法院 is the
// basic court of the county (district) for a department or township,
// the city's intermediate court for a county-level government or above
// (行政诉讼法 Arts. 14, 15, 18), and none where the tree cannot say.
func TestCourtAdministrativeLitigationArts14To18(t *testing.T) {
	province := Body{Name: "某省人民政府", Kind: Province}
	city := Body{Name: "南阳市人民政府", Kind: City}
	county := Body{Name: "桐柏县人民政府", Kind: County}
	town := Body{Name: "吴城镇人民政府", Kind: Township}
	tests := []struct {
		name string
		b    Body
		up   []Body
		want string
	}{
		{"county department → county court", Body{Kind: Department}, []Body{county, city}, "桐柏县人民法院"},
		{"township → county court", town, []Body{county, city}, "桐柏县人民法院"},
		{"department under a township → county court", Body{Kind: Department}, []Body{town, county}, "桐柏县人民法院"},
		{"county government → city's intermediate court", county, []Body{city, province}, "南阳市中级人民法院"},
		{"city government → its intermediate court", city, []Body{province}, "南阳市中级人民法院"},
		{"city department: district unknown", Body{Kind: Department}, []Body{city, province}, ""},
		{"county without a city above", county, nil, ""},
		{"province: seat unknown", province, nil, ""},
		{"village: none", Body{Kind: Village}, []Body{town, county}, ""},
	}
	for _, tt := range tests {
		got, ok := Court(tt.b, tt.up)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("%s: %q %v, want %q", tt.name, got, ok, tt.want)
		}
	}
}
