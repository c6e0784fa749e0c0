package sim

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"strings"
	"testing"
)

// A chart of a small sweep is a well-formed SVG or a PNG of the stated
// size, the same bytes each time, and an unknown format or statistic is
// refused by name.
func TestWriteChart(t *testing.T) {
	rows := sweep(t, Synthetic(20, 2, 1950, 3), DefaultParams(), 12, 4)
	bands := Bands(rows)
	var svg, again bytes.Buffer
	if err := WriteChart(&svg, bands, nil, "20 actors", "svg"); err != nil {
		t.Fatal(err)
	}
	if err := WriteChart(&again, bands, nil, "20 actors", "svg"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(svg.Bytes(), again.Bytes()) {
		t.Error("two SVG charts of the same bands differ")
	}
	d := xml.NewDecoder(bytes.NewReader(svg.Bytes()))
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("SVG: %v", err)
		}
	}
	for _, want := range []string{"pacts in force", "share of states in a defence pact", "mean health", "20 actors"} {
		if !strings.Contains(svg.String(), want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	var pngBuf bytes.Buffer
	if err := WriteChart(&pngBuf, bands, []string{"alliances"}, "", "png"); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&pngBuf)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 8*144 || b.Dy() < 300 {
		t.Errorf("PNG is %v, want 1152 pixels wide", b)
	}
	if err := WriteChart(io.Discard, bands, nil, "", "gif"); err == nil || !strings.Contains(err.Error(), "gif") {
		t.Errorf("gif: %v, want an error naming the format", err)
	}
	if err := WriteChart(io.Discard, bands, []string{"nonsense"}, "", "svg"); err == nil || !strings.Contains(err.Error(), "nonsense") {
		t.Errorf("unknown statistic: %v, want an error naming it", err)
	}
}
