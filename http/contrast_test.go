package http_test

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// luminance is WCAG 2.2's relative luminance of a #rrggbb colour.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	hex = strings.TrimPrefix(hex, "#")
	if len(hex) == 3 {
		hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
	}
	v, err := strconv.ParseUint(hex, 16, 32)
	if err != nil || len(hex) != 6 {
		t.Fatalf("colour %q: %v", hex, err)
	}
	ch := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(v>>16&255) + 0.7152*ch(v>>8&255) + 0.0722*ch(v&255)
}

// contrast is WCAG 2.2's contrast ratio of two colours.
func contrast(t *testing.T, fg, bg string) float64 {
	a, b := luminance(t, fg), luminance(t, bg)
	return (math.Max(a, b) + 0.05) / (math.Min(a, b) + 0.05)
}

// TestContrastOfTheStylesheet computes the contrast of every pair of text
// and background colours the stylesheet puts together, from the colours it
// declares, against WCAG 2.2 AA: 4.5:1 for text, 3:1 for the focus ring
// and the borders that mark a refused field. Pinned: black on white is 21.
func TestContrastOfTheStylesheet(t *testing.T) {
	if got := contrast(t, "#000", "#fff"); math.Abs(got-21) > 1e-9 {
		t.Fatalf("black on white: %v, want 21", got)
	}
	if got := contrast(t, "#777", "#fff"); math.Abs(got-4.48) > 0.01 { // the well-known just-failing grey
		t.Fatalf("#777 on white: %.3f, want 4.48", got)
	}
	css, err := os.ReadFile("ui/static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, m := range regexp.MustCompile(`--([a-z]+):\s*(#[0-9a-fA-F]{3,6})`).FindAllStringSubmatch(string(css), -1) {
		vars[m[1]] = m[2]
	}
	col := func(s string) string {
		if v, ok := strings.CutPrefix(s, "var:"); ok {
			c, ok := vars[v]
			if !ok {
				t.Fatalf("the stylesheet declares no --%s", v)
			}
			return c
		}
		if !strings.Contains(string(css), s) {
			t.Fatalf("the stylesheet no longer uses %s: update this test", s)
		}
		return s
	}
	for _, p := range []struct {
		what     string
		fg, bg   string
		minRatio float64
	}{
		{"body text", "var:ink", "var:bg", 4.5},
		{"text on cards and tables", "var:ink", "#fff", 4.5},
		{"muted text on the page", "var:muted", "var:bg", 4.5},
		{"muted text on cards", "var:muted", "#fff", 4.5},
		{"links", "var:accent", "#fff", 4.5},
		{"links on the page", "var:accent", "var:bg", 4.5},
		{"button labels", "#fff", "var:accent", 4.5},
		{"errors and refusals", "var:bad", "#fff", 4.5},
		{"good badges", "var:ok", "#e3f4ea", 4.5},
		{"warning badges", "var:warn", "#fdf0dc", 4.5},
		{"critical badges", "var:bad", "#fbe4e2", 4.5},
		{"plain badges", "var:muted", "#eef0f4", 4.5},
		{"notices", "var:ink", "#fdf0dc", 4.5},
		{"focus ring", "var:accent", "#fff", 3},
		{"refused field outline", "var:bad", "#fff", 3},
	} {
		if got := contrast(t, col(p.fg), col(p.bg)); got < p.minRatio {
			t.Errorf("%s: %s on %s has contrast %.2f:1, want at least %.1f:1", p.what, p.fg, p.bg, got, p.minRatio)
		}
	}
}
