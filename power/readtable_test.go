package power

import (
	"strings"
	"testing"

	"github.com/entente/entente"
)

func TestReadTableNamesFileAndLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"name,weight\na,1\nb,x\n", `eu.csv: line 3, column 2: `},
		{"", "eu.csv: "},
	}
	for _, tt := range tests {
		_, err := ReadTable(strings.NewReader(tt.in), "eu.csv")
		if err == nil || !strings.HasPrefix(entente.ErrorMessage(err), tt.want) || entente.ErrorCode(err) != entente.EINVALID || strings.Contains(err.Error(), "power: ") {
			t.Errorf("ReadTable(%q) = %v (code %s), want EINVALID starting %q", tt.in, err, entente.ErrorCode(err), tt.want)
		}
	}
	tab, err := ReadTable(strings.NewReader("a,2\nb,1\n"), "ok.csv")
	if err != nil || len(tab.Names) != 2 {
		t.Errorf("ReadTable = %+v, %v", tab, err)
	}
}
