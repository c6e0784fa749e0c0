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
