package power

import "testing"

func TestFormatDecimalInvertsParseDecimal(t *testing.T) {
	for _, tc := range []struct {
		values []string
		want   []string
	}{
		{[]string{"12.5", "3.25", "7", " +0.50 "}, []string{"12.5", "3.25", "7", "0.5"}},
		{[]string{"39", "0"}, []string{"39", "0"}},
		{[]string{"0.000000000000000001", "2"}, []string{"0.000000000000000001", "2"}},
		{[]string{"100.10", "0.01"}, []string{"100.1", "0.01"}},
	} {
		ints, scale, err := ParseDecimal(tc.values...)
		if err != nil {
			t.Fatal(err)
		}
		tab := &Table{Weights: [][]int64{ints}, Scales: []int64{scale}}
		for i, w := range tc.want {
			if got := FormatDecimal(ints[i], scale); got != w {
				t.Errorf("FormatDecimal(%d, %d) = %q, want %q", ints[i], scale, got, w)
			}
			if got := tab.Weight(0, i); got != w {
				t.Errorf("Weight(0, %d) = %q, want %q", i, got, w)
			}
		}
	}
}
