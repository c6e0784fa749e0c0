package simdata

import (
	"context"
	"strings"
	"testing"

	"github.com/entente/entente/internal/cmdline/cmdlinetest"
)

func TestValidateRequestValidate(t *testing.T) {
	for _, tt := range []struct {
		name  string
		edit  func(*ValidateRequest)
		field string
	}{
		{"defaults", func(*ValidateRequest) {}, ""},
		{"no run", func(r *ValidateRequest) { r.Runs = 0 }, "runs"},
		{"negative workers", func(r *ValidateRequest) { r.Workers = -1 }, "workers"},
		{"negative fit", func(r *ValidateRequest) { r.Fit = -1 }, "fit"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := NewValidateRequest()
			tt.edit(&r)
			err := r.Validate()
			cmdlinetest.WantField(t, err, tt.field)
		})
	}
}

// TestJudgeWritesTheValidationTable judges one run per span and checks
// that Judge reports its one stage and writes the table.
func TestJudgeWritesTheValidationTable(t *testing.T) {
	dir := dataDir(t)
	r := NewValidateRequest()
	r.Runs, r.Workers = 1, 2
	var stages []string
	ended := 0
	var b strings.Builder
	err := r.Judge(context.Background(), dir, &b, func(what string, n int) (func(done, total int), func()) {
		stages = append(stages, what)
		return func(done, total int) {}, func() { ended++ }
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(stages) != 1 || stages[0] != "validating" || ended != 1 {
		t.Errorf("stages %v, %d ended; want [validating], 1", stages, ended)
	}
	if !strings.Contains(b.String(), "Validation against ATOP 5.1") || !strings.Contains(b.String(), "held-out") {
		t.Errorf("Judge wrote\n%s", b.String())
	}
}
