package table

import (
	"bytes"
	"testing"
)

func TestWrite(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, []string{"A", "LONGER"}, [][]string{{"xyz", "1"}, {"p", "-"}}); err != nil {
		t.Fatal(err)
	}
	want := "A    LONGER\nxyz  1\np    -\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestWriteCSV(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, Lower([]string{"TEST AUC", "P@10"}), [][]string{{"0.5", "a,b"}}); err != nil {
		t.Fatal(err)
	}
	if want := "test_auc,p@10\n0.5,\"a,b\"\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
