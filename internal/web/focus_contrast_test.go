package web

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// luminance is the WCAG relative luminance of a #rgb or #rrggbb colour.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	h := strings.TrimPrefix(hex, "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 {
		t.Fatalf("not a colour: %q", hex)
	}
	var c [3]float64
	for i := range c {
		v, err := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
		if err != nil {
			t.Fatalf("not a colour: %q", hex)
		}
		x := float64(v) / 255
		if x <= 0.04045 {
			c[i] = x / 12.92
		} else {
			c[i] = math.Pow((x+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// TestFocusRingContrast: against every background colour the stylesheet
// paints (custom properties resolved, gradients' stops included), one of
// the focus ring's two colours has a contrast of at least 3:1.
func TestFocusRingContrast(t *testing.T) {
	css, err := staticFS.ReadFile("static/site.css")
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`(--[a-z-]+):\s*(#[0-9a-fA-F]{3,6})\b`).FindAllStringSubmatch(string(css), -1) {
		vars[m[1]] = m[2]
	}
	ring := regexp.MustCompile(`(?m)^:focus-visible \{[^}]*outline: 3px solid var\((--[a-z-]+)\)[^}]*box-shadow: 0 0 0 3px var\((--[a-z-]+)\)`).FindStringSubmatch(string(css))
	if ring == nil {
		t.Fatal("no two-colour :focus-visible ring in site.css")
	}
	outer, inner := vars[ring[1]], vars[ring[2]]
	colour := regexp.MustCompile(`#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|var\((--[a-z-]+)\)`)
	seen := 0
	for _, decl := range regexp.MustCompile(`background(?:-color)?:\s*([^;}]*)`).FindAllStringSubmatch(string(css), -1) {
		for _, m := range colour.FindAllStringSubmatch(decl[1], -1) {
			bg := m[0]
			if m[1] != "" {
				if bg = vars[m[1]]; bg == "" {
					continue // a variable that is not a colour
				}
			}
			seen++
			if c := math.Max(contrast(t, outer, bg), contrast(t, inner, bg)); c < 3 {
				t.Errorf("focus ring on background %s (%s): best contrast %.2f:1", m[0], bg, c)
			}
		}
	}
	if seen < 10 {
		t.Fatalf("only %d backgrounds found in site.css", seen)
	}
}
