package web

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// clientAddr is the address of the client, as used for login throttling
// and the audit log. X-Forwarded-For is believed only when the
// connection comes from a configured trusted proxy, and then only up to
// the first hop that is not itself a trusted proxy: anything further
// left was written by the client and could be anything.
func (s *server) clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if len(s.trustedProxies) == 0 || !s.trusted(host) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		a, err := netip.ParseAddr(hop)
		if err != nil {
			break // a malformed hop ends what we can believe
		}
		if !s.trusted(hop) {
			return a.Unmap().String()
		}
	}
	return host
}

func (s *server) trusted(ip string) bool {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range s.trustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
