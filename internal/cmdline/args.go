package cmdline

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/entente/entente"
)

// OpenArg opens the file an argument names, or stdin for "-".
func OpenArg(stdin io.Reader, path string) (io.ReadCloser, error) {
	if path == "-" {
		return io.NopCloser(stdin), nil
	}
	return os.Open(path)
}

// ReadJSON decodes the JSON file at path (stdin for "-") into v, refusing
// unknown fields as the API does (entente.StrictJSON); expected says what
// the file should hold, for the message.
func ReadJSON(stdin io.Reader, path, expected string, v any) error {
	r, err := OpenArg(stdin, path)
	if err != nil {
		return err
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if err := entente.StrictJSON(data, v); err != nil {
		return fmt.Errorf("%s: expected %s: %v", path, expected, err)
	}
	return nil
}

// ParseWhen reads the date flag name gives as the API does
// (entente.ParseDate: RFC 3339 or YYYY-MM-DD), or as +N days from now
// ("+30d"), which only the command line reads and sends as RFC 3339. A
// malformed date is bad usage naming the flag.
func ParseWhen(name, s string, now time.Time) (time.Time, error) {
	if rest, ok := strings.CutPrefix(s, "+"); ok {
		p, err := entente.ParsePeriod(rest)
		if err != nil {
			return time.Time{}, Usagef("--%s: %v", name, err)
		}
		return now.Add(p.Duration()), nil
	}
	t, err := entente.ParseDate(s)
	if err != nil {
		return time.Time{}, Usagef("--%s: expected a date (2026-06-30, RFC 3339, or +30d), got %q", name, s)
	}
	return t, nil
}
