package http_test

import (
	"bufio"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	enthttp "github.com/entente/entente/http"
	"github.com/entente/entente/internal/sharedata"
)

var (
	worldOnce sync.Once
	worldData *enthttp.World
	worldErr  error
)

// worldServer serves the explorer over the shared data (loaded once per
// test binary); without the data it skips, or fails when CI is set.
func worldServer(t *testing.T) *testServer {
	t.Helper()
	for _, f := range enthttp.WorldFiles {
		sharedata.Path(t, f)
	}
	worldOnce.Do(func() { worldData, worldErr = enthttp.LoadWorld(sharedata.Root()) })
	if worldErr != nil {
		t.Fatal(worldErr)
	}
	ts := newTestServer(t)
	ts.srv = httptest.NewServer(enthttp.New(ts.svc, enthttp.Config{World: worldData}))
	t.Cleanup(ts.srv.Close)
	return ts
}

// systemSize counts the states in the COW system in year, from the file.
func systemSize(t *testing.T, year string) int {
	f, err := os.Open(sharedata.Path(t, sharedata.System))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, sc := 0, bufio.NewScanner(f)
	for sc.Scan() {
		if c := strings.Split(sc.Text(), ","); len(c) == 4 && c[2] == year {
			n++
		}
	}
	return n
}

// TestWorldExplorer checks the explorer against history: in 1914 Germany
// is allied with Austria-Hungary, France with Russia, Britain with Japan;
// in 1950 the United States with Britain (NATO); in 1955 the Soviet Union
// with Poland (the Warsaw Pact). The map draws every state of the year's
// system that has a capital, each a link to its allies; the CSV has a row
// per state of the COW system that year; a state's series covers its
// years; bad years and states are refused with the field named.
func TestWorldExplorer(t *testing.T) {
	ts := worldServer(t)
	for _, tc := range []struct {
		year, state string
		allies      []string
	}{
		{"1914", "255", []string{"AUH"}},
		{"1914", "220", []string{"RUS"}},
		{"1914", "200", []string{"JPN"}},
		{"1950", "2", []string{"UKG"}},
		{"1955", "365", []string{"POL"}},
	} {
		page := get(t, ts, "/world?year="+tc.year+"&state="+tc.state, 200)
		i := strings.Index(page, `id="state"`)
		if i < 0 {
			t.Fatalf("%s in %s: no state section", tc.state, tc.year)
		}
		section := page[i:strings.Index(page, `id="top-h"`)]
		for _, a := range tc.allies {
			if !strings.Contains(section, `<span class="muted mono">`+a+`</span>`) {
				t.Errorf("%s in %s: %s not among its allies", tc.state, tc.year, a)
			}
		}
		if !strings.Contains(section, `<svg`) || !strings.Contains(section, "number of allies each year") {
			t.Errorf("%s: no series chart", tc.state)
		}
	}

	page := get(t, ts, "/world?year=1914", 200)
	circles := regexp.MustCompile(`<a href="/world\?year=1914&amp;state=(\d+)"><circle`).FindAllStringSubmatch(page, -1)
	n := systemSize(t, "1914")
	if len(circles) == 0 || len(circles) > n {
		t.Fatalf("1914's map draws %d states; the system has %d", len(circles), n)
	}
	for _, want := range []string{`class="worldmap" role="group" aria-labelledby="map-title"`, "<desc", `href="/world/map.svg?year=1914"`, `id="world-year"`, `<label for="world-year">`} {
		if !strings.Contains(page, want) {
			t.Errorf("the 1914 page lacks %q", want)
		}
	}

	csv := get(t, ts, "/world/states.csv?year=1914", 200)
	if rows := strings.Count(strings.TrimSpace(csv), "\n"); rows != n {
		t.Errorf("1914's CSV has %d states, the COW system %d", rows, n)
	}
	if svg := get(t, ts, "/world/map.svg?year=1914&state=255", 200); !strings.HasPrefix(svg, "<svg") || !strings.Contains(svg, "stroke-width=\"3\"") {
		t.Errorf("the 1914 SVG: %.200s", svg)
	}
	series := get(t, ts, "/world/state.csv?state=255", 200)
	if !strings.HasPrefix(series, "year,ccode,allies") || !strings.Contains(series, "\n1914,255,") || strings.Contains(series, "\n1946,255,") {
		t.Errorf("Germany's series (in the system 1816-1945 and from 1990): %.300s", series)
	}
	for _, bad := range []string{"/world?year=1700", "/world?year=x", "/world?state=-1", "/world/state.csv"} {
		if body := get(t, ts, bad, 400); !strings.Contains(body, "year") && !strings.Contains(body, "state") {
			t.Errorf("%s: %s", bad, body)
		}
	}
	get(t, ts, "/world?year=1914&state=999", 404)
}

// TestWorldWithoutData: a server started without the data says how to
// start one with it.
func TestWorldWithoutData(t *testing.T) {
	ts := newTestServer(t)
	if page := get(t, ts, "/world", 200); !strings.Contains(page, `id="world-missing"`) || !strings.Contains(page, "--data") {
		t.Errorf("the explorer without data: %.300s", page)
	}
	get(t, ts, "/world/map.svg", 404)
}
