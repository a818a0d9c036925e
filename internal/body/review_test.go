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
