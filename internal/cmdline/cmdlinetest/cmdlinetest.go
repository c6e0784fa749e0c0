// Package cmdlinetest checks the input errors of requests (the types
// that cmdline.Bind binds and cmdline.Validate checks) in tests.
package cmdlinetest

import (
	"testing"

	"github.com/entente/entente"
)

// WantField fails tb unless err is what a request's check should return:
// nil when field is "", else an EINVALID *entente.Error naming field.
func WantField(tb testing.TB, err error, field string) {
	tb.Helper()
	switch {
	case field == "" && err != nil:
		tb.Fatalf("error %v, want nil", err)
	case field != "" && (entente.ErrorCode(err) != entente.EINVALID || entente.ErrorField(err) != field):
		tb.Fatalf("error %v, want an EINVALID error on %s", err, field)
	}
}
