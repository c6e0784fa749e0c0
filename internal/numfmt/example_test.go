package numfmt_test

import (
	"fmt"
	"math"

	"github.com/entente/entente/internal/numfmt"
)

func ExampleWriter() {
	csv, json := numfmt.NewCSV(), numfmt.NewJSON()
	var line, obj []byte
	for i, v := range []float64{0.25, math.NaN(), 1e-7, 0.25} {
		if i > 0 {
			line, obj = append(line, ','), append(obj, ',')
		}
		line = csv.Append(line, v)
		obj = json.Append(obj, v)
	}
	fmt.Println(string(line))
	fmt.Println("[" + string(obj) + "]")
	// Output:
	// 0.25,,0.0000001,0.25
	// [0.25,null,1e-07,0.25]
}
