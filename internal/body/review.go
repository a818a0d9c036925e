package body

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
