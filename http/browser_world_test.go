package http_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserWorld: the world explorer in a browser passes the
// accessibility audit on a desktop and a 360-px phone (nothing sticks
// out), a click on a state on the map shows its allies, and moving the
// year slider redraws the page for that year (with htmx, in place).
func TestBrowserWorld(t *testing.T) {
	ts := worldServer(t)
	b := newBrowser(t)
	for _, width := range []int64{1200, 360} {
		step(t, b, "viewport", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: width, Height: 800, DeviceScaleFactor: 1, Mobile: width < 600})
			return err
		}))
		step(t, b, "the 1914 explorer", chromedp.Navigate(ts.srv.URL+"/world?year=1914&state=255"), chromedp.WaitVisible(chromedp.CSS("#state-h")))
		checkA11y(t, b, "world explorer")
		if width == 360 {
			checkPhoneLayout(t, b, "world explorer")
		}
	}
	step(t, b, "click France on the map",
		chromedp.Click(chromedp.CSS(`svg.worldmap a[href$="state=220"] circle`)),
		chromedp.WaitVisible(chromedp.CSS("#state-h")))
	got, err := chromedp.Run(b, chromedp.Evaluate[string](`document.getElementById("state").innerText`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "France") || !strings.Contains(got, "RUS") {
		t.Errorf("after clicking France: %q", got)
	}
	step(t, b, "move the slider to 1950",
		chromedp.SetValue(chromedp.CSS("#world-year"), "1950"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("world-year").dispatchEvent(new Event("change", {bubbles: true}))`),
		chromedp.WaitVisible(chromedp.CSS(`#world-next[href*="year=1951"]`)))
	if got, _ := chromedp.Run(b, chromedp.Evaluate[string](`document.getElementById("map-h").innerText`)); !strings.Contains(got, "1950") {
		t.Errorf("after the slider: %q", got)
	}
}
