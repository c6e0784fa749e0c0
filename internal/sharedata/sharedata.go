// Package sharedata is the one definition of where Entente's real public
// datasets live and how their folder is laid out.
//
// The layout (the File constants) is that of the project's shared data: one
// folder per dataset, each file under its published name. Locate applies the
// data location rule of the analysis verbs; Path and Root serve tests and
// benchmarks, which read the data from ../shared/data beside the project
// root. The package does not import testing, so the command can link it.
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
)

// The dataset files, relative to the data folder, slash-separated.
const (
	Alliances = "atop_v5.1/atop5_1a.csv"
	Members   = "atop_v5.1/atop5_1m.csv"
	Codes     = "cow_state_system/COW-country-codes.csv"
	States    = "cow_state_system/states2016.csv"
	System    = "cow_state_system/system2016.csv"
	Majors    = "cow_state_system/majors2016.csv"
	WorldBank = "gdp/worldbank_NY.GDP.MKTP.CD_gdp_current_usd.csv"
	Maddison  = "gdp/maddison_project_2018_alley.csv"
	OWID      = "defence_spending/owid_sipri_military_spending_share_gdp.csv"
	NATO      = "defence_spending/nato_defense_expenditure_2012-2019.csv"
	NMC6      = "cow_nmc/NMC-60-abridged.csv"
	NMC5      = "cow_nmc/NMC_5_0.csv"
	Ideal     = "unga_ideal_points/IdealpointsJuly2025.csv"
	Votes     = "unga_votes_voeten/un_votes.csv.gz"
	RollCalls = "unga_votes_voeten/un_roll_calls.csv"
	Issues    = "unga_votes_voeten/un_roll_call_issues.csv"
)

// Layout names the dataset files by role: the keys the reports' help and
// the tests use, each mapped to one of the File constants.
var Layout = map[string]string{
	"alliances": Alliances,
	"members":   Members,
	"codes":     Codes,
	"states":    States,
	"system":    System,
	"majors":    Majors,
	"worldbank": WorldBank,
	"maddison":  Maddison,
	"owid":      OWID,
	"nato":      NATO,
	"nmc":       NMC6,
	"ideal":     Ideal,
	"votes":     Votes,
	"rollcalls": RollCalls,
}

// Root returns the absolute path of the shared data folder the tests read:
// $ENTENTE_DATA when set, else ../shared/data relative to the module root,
// whether or not it exists. It is for tests; commands use Locate.
func Root() string {
	if dir := os.Getenv(EnvVar); dir != "" {
		return dir
	}
	_, file, _, _ := runtime.Caller(0)
	// file is <module>/internal/sharedata/sharedata.go.
	module := filepath.Dir(filepath.Dir(filepath.Dir(file)))
	return filepath.Join(filepath.Dir(module), "shared", "data")
}

// TB is the part of testing.TB that Path uses; *testing.T and *testing.B
// satisfy it. Naming it here keeps the testing package out of binaries.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
	Skipf(format string, args ...any)
}

// Path returns the path of name (slash-separated, relative to the data
// folder). If the file is missing it fails tb when CI is set and skips tb
// otherwise.
func Path(tb TB, name string) string {
	tb.Helper()
	p := filepath.Join(Root(), filepath.FromSlash(name))
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("shared data %s is required in CI: %v", name, err)
			return p
		}
		tb.Skipf("shared data %s not present: %v", name, err)
	}
	return p
}
