package report_test

import (
	"testing"

	"github.com/entente/entente/internal/datadir"
	"github.com/entente/entente/report"
)

// TestHubYearsAreTheVoteData checks the report's span against the data
// layout's, which cannot be imported by the report (it imports it).
func TestHubYearsAreTheVoteData(t *testing.T) {
	if report.HubYears != datadir.VoteYears {
		t.Errorf("HubYears %v, the vote data's years %v", report.HubYears, datadir.VoteYears)
	}
}
