package panel

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"testing"
)

// readCSV parses CSV text into its header and records keyed by the first
// three fields.
func readCSV(t *testing.T, data []byte) ([]string, map[string]map[string]string, int) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := recs[0]
	rows := map[string]map[string]string{}
	for _, r := range recs[1:] {
		if len(r) != len(header) {
			t.Fatalf("a row has %d fields, the header %d: %v", len(r), len(header), r)
		}
		m := map[string]string{}
		for i, h := range header {
			m[h] = r[i]
		}
		rows[r[0]+","+r[1]+","+r[2]] = m
	}
	return header, rows, len(recs) - 1
}

func writeDyads(t *testing.T, p *Panel, opt DyadOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := NewDyadWriter(&buf)
	if err := p.Dyads(opt, w.Write); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDyadCSV(t *testing.T) {
	p := realPanelT(t)
	_, rows, n := readCSV(t, writeDyads(t, p, DyadOptions{From: 1832, To: 1832}))
	yr, _ := p.Year(1832)
	if n != yr.DyadCount(false) {
		t.Errorf("1832: %d rows, want %d", n, yr.DyadCount(false))
	}
	fb := rows["1832,211,220"]
	want := map[string]string{"atop_shared": "1", "defense": "1", "offense": "0", "consul": "0", "obl12": "0", "obl21": "1", "major1": "0", "major2": "1"}
	for k, v := range want {
		if fb[k] != v {
			t.Errorf("Belgium-France 1832 %s = %q, want %q", k, fb[k], v)
		}
	}
	cinc1, _ := strconv.ParseFloat(fb["cinc1"], 64)
	cinc2, _ := strconv.ParseFloat(fb["cinc2"], 64)
	ratio, _ := strconv.ParseFloat(fb["cap_ratio"], 64)
	if math.Abs(ratio-cinc2/cinc1) > 1e-12 || cinc1 <= 0 {
		t.Errorf("Belgium-France 1832: cinc %v %v, ratio %v", cinc1, cinc2, ratio)
	}

	_, rows, n = readCSV(t, writeDyads(t, p, DyadOptions{From: 1832, To: 1832, Directed: true}))
	if n != yr.DyadCount(true) {
		t.Errorf("1832 directed: %d rows, want %d", n, yr.DyadCount(true))
	}
	if fr, be := rows["1832,220,211"], rows["1832,211,220"]; fr["defense"] != "1" || be["defense"] != "0" || be["atop_shared"] != "1" {
		t.Errorf("directed 1832: France→Belgium defense %q, Belgium→France defense %q (shared %q)", fr["defense"], be["defense"], be["atop_shared"])
	}

	_, rows, _ = readCSV(t, writeDyads(t, p, DyadOptions{From: 1902, To: 1902}))
	if c := rows["1902,2,40"]; c["milex2"] != "" || c["cinc2"] == "" || c["milex1"] == "" || c["cap_ratio"] == "" {
		t.Errorf("USA-Cuba 1902: milex2 %q (want empty), cinc2 %q, milex1 %q, ratio %q", c["milex2"], c["cinc2"], c["milex1"], c["cap_ratio"])
	}
}

func TestDyadCSVOutsideATOPIsEmpty(t *testing.T) {
	src := sources(t)
	src.ATOPLast = 1900 // pretend the alliance data ended in 1900
	p, err := New(src)
	if err != nil {
		t.Fatal(err)
	}
	_, rows, _ := readCSV(t, writeDyads(t, p, DyadOptions{From: 1901, To: 1901}))
	for _, col := range []string{"atop_shared", "defense", "obl12", "obl21"} {
		if v := rows["1901,2,200"][col]; v != "" {
			t.Errorf("1901 beyond the alliance data: %s = %q, want empty", col, v)
		}
	}
}

func TestStateCSV(t *testing.T) {
	p := realPanelT(t)
	var buf bytes.Buffer
	buf.WriteString("year,ccode,abb,major,cinc,milex,milper,irst,pec,tpop,upop,atop_alliances,defense,offense,neutral,nonagg,consul,defense_partners\n")
	err := p.StateYears(1950, 1950, func(s *StateYear) error {
		buf.Write(AppendStateYear(nil, s))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	header, rows, n := readCSV(t, buf.Bytes())
	if got := len(StateHeader()); got != len(header) {
		t.Fatalf("StateHeader has %d columns, rows %d", got, len(header))
	}
	for i, h := range StateHeader() {
		if header[i] != h {
			t.Errorf("column %d: %q, want %q", i, h, header[i])
		}
	}
	if yr, _ := p.Year(1950); n != yr.N() {
		t.Errorf("1950: %d state rows, want %d", n, yr.N())
	}
	us := rows["1950,2,USA"]
	if us["major"] != "1" || us["defense"] != "1" || us["abb"] != "USA" {
		t.Errorf("USA 1950: %v", us)
	}
	if dp, _ := strconv.Atoi(us["defense_partners"]); dp < 11+20 { // NATO and the Rio Pact
		t.Errorf("USA 1950: %d defense partners, want at least 31", dp)
	}
}

func TestAppendFloat(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{{math.NaN(), ""}, {math.Inf(1), "Inf"}, {0.039697491, "0.039697491"}, {693600000, "693600000"}, {-2.5, "-2.5"}} {
		if got := string(AppendFloat(nil, tc.v)); got != tc.want {
			t.Errorf("AppendFloat(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}
