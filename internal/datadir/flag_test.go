package datadir

import (
	"errors"
	"strings"
	"testing"

	"github.com/entente/entente/internal/output"
)

// A --data folder without the files asked for is bad usage of --data that
// names the file missing.
func TestFlagLocateRefusesAFolderWithoutTheFiles(t *testing.T) {
	f := Flag{Dir: t.TempDir()}
	_, err := f.Locate(WorldFiles...)
	var u output.UsageError
	if !errors.As(err, &u) || !strings.HasPrefix(u.Msg, "--data: ") || !strings.Contains(u.Msg, WorldFiles[0]) {
		t.Errorf("got %v, want bad usage of --data naming %s", err, WorldFiles[0])
	}
}

func TestLayoutHelp(t *testing.T) {
	got := LayoutHelp("a/x.csv", "b/y.csv")
	want := "--data is a folder laid out as the project's shared data (each file as\npublished, in a folder of its own):\n  a/x.csv\n  b/y.csv"
	if got != want {
		t.Errorf("LayoutHelp = %q, want %q", got, want)
	}
}
