package body

import "strings"

// ReviewOrgan is the 行政复议机关 an answer letter names by default for
// a decision of b, given b's ancestors nearest first: the nearest people's
// government above it (行政复议法 2023, Art. 24: the local people's
// government at county level or above reviews the acts of its own
// departments and of the government one level below). A village is
// not an administrative organ and a root has no government above it:
// then there is no default (ok false) and handlers fill it in.
func ReviewOrgan(b Body, ancestorsNearestFirst []Body) (Body, bool) {
	if b.Kind == Village {
		return Body{}, false
	}
	for _, a := range ancestorsNearestFirst {
		switch a.Kind {
		case Province, City, County:
			return a, true
		}
	}
	return Body{}, false
}

// Court is the 管辖法院 an answer letter names by default for a decision
// of b, given b's ancestors nearest first (行政诉讼法 Arts. 14, 15, 18):
//   - the acts of a people's government at county level or above go to
//     the 中级人民法院 of the city: for a county's government, that of the
//     city above it; for a city's, its own;
//   - the acts of a township or of a department go to the 基层人民法院
//     where the body is, taken as the county (district) it belongs to.
//
// A province's government (its 中级法院 is that of its seat, which the
// tree does not say), a city's department (the district is not known),
// a village and a body without such an ancestor get no default (ok
// false): handlers fill it in.
func Court(b Body, ancestorsNearestFirst []Body) (string, bool) {
	switch b.Kind {
	case Village, Province:
		return "", false
	case City:
		return area(b.Name) + "中级人民法院", true
	case County:
		for _, a := range ancestorsNearestFirst {
			if a.Kind == City {
				return area(a.Name) + "中级人民法院", true
			}
		}
		return "", false
	}
	for _, a := range ancestorsNearestFirst {
		switch a.Kind {
		case County:
			return area(a.Name) + "人民法院", true
		case City, Province:
			return "", false
		}
	}
	return "", false
}

// area is the place a government's name stands for: 桐柏县人民政府 →
// 桐柏县.
func area(government string) string {
	return strings.TrimSuffix(strings.TrimSpace(government), "人民政府")
}
