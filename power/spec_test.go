package power

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestSpecErrors(t *testing.T) {
	for _, tc := range []struct {
		weights, names string
		quotas         []string
		blockers       int
		field          string
		column         int
		msg            string
	}{
		{"3,-2", "", []string{"2"}, 0, "weights", -1, "value 2: negative value"},
		{"3,x", "", []string{"2"}, 0, "weights", -1, "value 2: not a decimal number"},
		{"1,2", "a,b,c", []string{"2"}, 0, "names", -1, "3 names for 2 weights"},
		{"1,2", "a,a", []string{"2"}, 0, "names", -1, "name 2 is empty or repeated"},
		{"7,7,7", "", []string{"100"}, 0, "quota", 0, "quota 100 exceeds the total weight 21"},
		{"0.25,0.5", "", []string{"5"}, 0, "quota", 0, "5 is not a quota a coalition can reach: expected more than 0 and at most the total weight 0.75"},
		{"1,2", "", []string{"1", "1"}, 0, "quota", -1, "2 quota(s) for 1 weight column(s)"},
		{"1,2", "", []string{"2"}, 3, "min-blockers", -1, "expected 0 to 2"},
	} {
		tab, err := WeightsTable(tc.weights, tc.names)
		if err == nil {
			_, err = tab.Game(tc.quotas, tc.blockers)
		}
		var se *SpecError
		if !errors.As(err, &se) || se.Field != tc.field || se.Column != tc.column || !strings.Contains(se.Msg, tc.msg) {
			t.Errorf("%s %v: %#v, want %s (column %d) %q", tc.weights, tc.quotas, err, tc.field, tc.column, tc.msg)
		}
	}
}

func TestSizes(t *testing.T) {
	for in, want := range map[string]int64{"": 0, "2.5GB": 2_500_000_000, "4GiB": 4 << 30, "800 MB": 800_000_000, "1000000": 1_000_000, "1kib": 1024} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"-1GB", "lots", "0", "1e30TB"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
	if got := FormatSize(2_450_000_001); got != "2.5GB" {
		t.Errorf("FormatSize: %s", got)
	}
	if got := FormatSize(12_000_001); got != "13MB" {
		t.Errorf("FormatSize: %s", got)
	}
	if got, err := ParseSteps("5e11"); err != nil || got != 5e11 {
		t.Errorf("ParseSteps: %d %v", got, err)
	}
	if _, err := ParseSteps("0.5"); err == nil {
		t.Error("ParseSteps(0.5) accepted")
	}
}

func TestAnalyzeTableText(t *testing.T) {
	tab, err := WeightsTable("7,7,7,7,7,1,1,1,1,1,1,1,1,1,1", "")
	if err != nil {
		t.Fatal(err)
	}
	g, err := tab.Game([]string{"39"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	cols, idx, _ := ParseColumns("ss", false)
	a, err := AnalyzeTable(tab, g, Options{Indices: idx, Exact: true})
	if err != nil {
		t.Fatal(err)
	}
	var text, csv bytes.Buffer
	a.WriteText(&text, cols, true)
	a.WriteCSV(&csv, cols, true)
	if !strings.Contains(text.String(), "421/2145") || !strings.HasPrefix(csv.String(), "member,weight,shapley-shubik,dummy,veto\np1,7,421/2145,no,yes\n") {
		t.Errorf("text:\n%s\ncsv:\n%s", text.String(), csv.String())
	}
}

func ExampleTable_Game() {
	tab, _ := WeightsTable("4,4,4,2,2,1", "France,Germany,Italy,Belgium,Netherlands,Luxembourg")
	g, _ := tab.Game([]string{"12"}, 0)
	cols, idx, _ := ParseColumns("banzhaf", false)
	a, _ := AnalyzeTable(tab, g, Options{Indices: idx, Exact: true})
	a.WriteCSV(os.Stdout, cols, true)
	fmt.Println(a.Report.Players[5].Name, *a.Report.Players[5].Dummy)
	// Output:
	// member,weight,banzhaf,dummy,veto
	// France,4,5/21,no,no
	// Germany,4,5/21,no,no
	// Italy,4,5/21,no,no
	// Belgium,2,1/7,no,no
	// Netherlands,2,1/7,no,no
	// Luxembourg,1,0,yes,no
	// Luxembourg true
}
