package panel

import (
	"testing"

	"github.com/entente/entente/dataset/csvio"
	"github.com/entente/entente/dataset/unvotes"
)

func TestVoteFilter(t *testing.T) {
	plain := &unvotes.RollCall{}
	important := &unvotes.RollCall{Important: csvio.FlagYes}
	rights := &unvotes.RollCall{Issues: unvotes.HumanRights}
	both := &unvotes.RollCall{Important: csvio.FlagYes, Issues: unvotes.HumanRights}
	tests := []struct {
		important bool
		issue     string
		keeps     []bool // plain, important, rights, both
	}{
		{false, "", nil},
		{true, "", []bool{false, true, false, true}},
		{false, "HR", []bool{false, false, true, true}},
		{true, "hr", []bool{false, false, false, true}},
	}
	for _, tt := range tests {
		keep, err := VoteFilter(tt.important, tt.issue)
		if err != nil {
			t.Fatalf("VoteFilter(%v, %q): %v", tt.important, tt.issue, err)
		}
		if tt.keeps == nil {
			if keep != nil {
				t.Errorf("VoteFilter(false, \"\") filters")
			}
			continue
		}
		for i, rc := range []*unvotes.RollCall{plain, important, rights, both} {
			if keep(rc) != tt.keeps[i] {
				t.Errorf("VoteFilter(%v, %q) on roll call %d: %v", tt.important, tt.issue, i, keep(rc))
			}
		}
	}
	if _, err := VoteFilter(false, "xx"); err == nil {
		t.Error("an unknown issue was taken")
	}
}
