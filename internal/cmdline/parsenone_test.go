package cmdline

import (
	"errors"
	"flag"
	"io"
	"testing"

	"github.com/entente/entente"
)

// ParseNone parses flags wherever they stand and refuses a positional
// argument as bad usage naming it and the verb.
func TestParseNone(t *testing.T) {
	fs := flag.NewFlagSet("entente report warnings", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	n := fs.Int("n", 0, "a number")
	if err := ParseNone(fs, []string{"--n", "3"}); err != nil || *n != 3 {
		t.Errorf("flags only: n=%d, %v", *n, err)
	}
	err := ParseNone(fs, []string{"--n", "4", "extra"})
	var u UsageError
	if !errors.As(err, &u) || u.Msg != `report warnings: unexpected argument "extra" (see entente report warnings --help)` {
		t.Errorf("a positional argument: %v", err)
	}
}

// Invalid turns an EINVALID error naming a field into bad usage of that
// flag, and lets any other error through unchanged.
func TestInvalid(t *testing.T) {
	var u UsageError
	err := Invalid(entente.FieldErrorf(entente.EINVALID, "runs", "expected at least 1, got 0"))
	if !errors.As(err, &u) || u.Msg != "--runs: expected at least 1, got 0" {
		t.Errorf("a field error: %v", err)
	}
	for _, e := range []error{
		nil,
		entente.Errorf(entente.EINVALID, "no field"),
		entente.FieldErrorf(entente.ENOTFOUND, "pact", "no such pact"),
		errors.New("plain"),
	} {
		if got := Invalid(e); got != e {
			t.Errorf("Invalid(%v) = %v, want it unchanged", e, got)
		}
	}
}
