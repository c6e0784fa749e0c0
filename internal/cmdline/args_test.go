package cmdline

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReadJSON(t *testing.T) {
	file := filepath.Join(t.TempDir(), "v.json")
	if err := os.WriteFile(file, []byte(`{"a": 1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	var v struct{ A int }
	if err := ReadJSON(nil, file, "a thing", &v); err != nil || v.A != 1 {
		t.Errorf("from a file: %v, %+v", err, v)
	}
	v.A = 0
	if err := ReadJSON(strings.NewReader(`{"a": 2}`), "-", "a thing", &v); err != nil || v.A != 2 {
		t.Errorf("from stdin: %v, %+v", err, v)
	}
	err := ReadJSON(strings.NewReader(`{"b": 2}`), "-", "a thing", &v)
	if err == nil || !strings.Contains(err.Error(), "-: expected a thing") || !strings.Contains(err.Error(), `"b"`) {
		t.Errorf("an unknown field: %v", err)
	}
	if err := ReadJSON(nil, filepath.Join(t.TempDir(), "none"), "a thing", &v); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}

func TestParseWhen(t *testing.T) {
	now := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Time
		err  string
	}{
		{"+30d", now.AddDate(0, 0, 30), ""},
		{"2027-01-01", time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), ""},
		{"2027-01-01T10:00:00Z", time.Date(2027, 1, 1, 10, 0, 0, 0, time.UTC), ""},
		{"+3x", time.Time{}, "--due: "},
		{"01/02/2027", time.Time{}, `--due: expected a date (2026-06-30, RFC 3339, or +30d), got "01/02/2027"`},
		{"", time.Time{}, "--due: expected a date"},
	} {
		got, err := ParseWhen("due", tc.in, now)
		switch {
		case tc.err == "" && (err != nil || !got.Equal(tc.want)):
			t.Errorf("ParseWhen(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		case tc.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.err) || !errors.As(err, new(UsageError))):
			t.Errorf("ParseWhen(%q): error %v, want bad usage starting %q", tc.in, err, tc.err)
		}
	}
}
