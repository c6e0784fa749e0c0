// Package sharedata locates the real public datasets that tests and benchmarks
// read from ../shared/data beside the project root.
//
// The files are never copied into the project. When the CI environment
// variable is set the data must be present, so a missing file fails the test
// rather than skipping it; on a developer machine without the data the test is
// skipped with a message saying what was missing.
package sharedata

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Root returns the absolute path of the shared data folder
// (../shared/data relative to the module root), whether or not it exists.
func Root() string {
	if dir := os.Getenv("ENTENTE_DATA"); dir != "" {
		return dir
	}
	_, file, _, _ := runtime.Caller(0)
	// file is <module>/internal/sharedata/sharedata.go.
	module := filepath.Dir(filepath.Dir(filepath.Dir(file)))
	return filepath.Join(filepath.Dir(module), "shared", "data")
}

// Path returns the path of name (slash-separated, relative to the data
// folder). If the file is missing it fails tb when CI is set and skips tb
// otherwise.
func Path(tb testing.TB, name string) string {
	tb.Helper()
	p := filepath.Join(Root(), filepath.FromSlash(name))
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("shared data %s is required in CI: %v", name, err)
		}
		tb.Skipf("shared data %s not present: %v", name, err)
	}
	return p
}

// Layout names the dataset files by role, relative to the data folder: the
// layout of the shared data, which the commands' --data folders follow
// too.
var Layout = map[string]string{
	"alliances": "atop_v5.1/atop5_1a.csv",
	"members":   "atop_v5.1/atop5_1m.csv",
	"codes":     "cow_state_system/COW-country-codes.csv",
	"states":    "cow_state_system/states2016.csv",
	"system":    "cow_state_system/system2016.csv",
	"majors":    "cow_state_system/majors2016.csv",
	"worldbank": "gdp/worldbank_NY.GDP.MKTP.CD_gdp_current_usd.csv",
	"maddison":  "gdp/maddison_project_2018_alley.csv",
	"owid":      "defence_spending/owid_sipri_military_spending_share_gdp.csv",
	"nato":      "defence_spending/nato_defense_expenditure_2012-2019.csv",
	"nmc":       "cow_nmc/NMC-60-abridged.csv",
	"ideal":     "unga_ideal_points/IdealpointsJuly2025.csv",
	"votes":     "unga_votes_voeten/un_votes.csv.gz",
	"rollcalls": "unga_votes_voeten/un_roll_calls.csv",
}
