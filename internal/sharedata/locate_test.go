package sharedata

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func mkfile(t *testing.T, dir, name string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLocate(t *testing.T) {
	full, empty := t.TempDir(), t.TempDir()
	mkfile(t, full, NMC6)
	mkfile(t, full, Members)
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config) // os.UserConfigDir on Unix
	t.Setenv("HOME", config)
	t.Chdir(t.TempDir()) // no ../shared/data here
	user := filepath.Join(config, "entente", "data")
	for _, tc := range []struct {
		name, given, env string
		user             bool // create the user data folder with the files
		want             string
		errHas           []string
	}{
		{name: "flag wins", given: full, env: empty, want: full},
		{name: "flag missing", given: filepath.Join(empty, "nowhere"), env: full, errHas: []string{"nowhere", "--data", EnvVar}},
		{name: "flag lacks a file", given: empty, errHas: []string{"lacks " + NMC6, "cow_nmc/ (COW National Material", "atop_v5.1/ (ATOP 5.1"}},
		{name: "environment", env: full, want: full},
		{name: "user folder", user: true, want: user},
		{name: "nothing", errHas: []string{"no data folder found", filepath.Join("..", "shared", "data"), user, "atopdata.org"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvVar, tc.env)
			os.RemoveAll(user)
			if tc.user {
				mkfile(t, user, NMC6)
				mkfile(t, user, Members)
			}
			got, err := Locate(tc.given, NMC6, Members)
			if tc.errHas == nil {
				if err != nil || got != tc.want {
					t.Fatalf("Locate = %q, %v; want %q", got, err, tc.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("Locate = %q, want an error", got)
			}
			if !errors.Is(err, os.ErrNotExist) {
				t.Errorf("errors.Is(%v, os.ErrNotExist) is false", err)
			}
			for _, s := range tc.errHas {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
		})
	}
}

func TestLayoutNamesEveryFileOnce(t *testing.T) {
	seen := map[string]string{}
	for k, f := range Layout {
		if prev, dup := seen[f]; dup {
			t.Errorf("%s and %s both name %s", prev, k, f)
		}
		seen[f] = k
		folder, _, _ := strings.Cut(f, "/")
		if Sources[folder] == "" {
			t.Errorf("%s: no source for folder %s", k, folder)
		}
	}
}

// fakeTB records what Path does with a missing file.
type fakeTB struct{ fatal, skip string }

func (f *fakeTB) Helper()                        {}
func (f *fakeTB) Fatalf(format string, _ ...any) { f.fatal = format }
func (f *fakeTB) Skipf(format string, _ ...any)  { f.skip = format }

func TestPathFailsInCIAndSkipsElsewhere(t *testing.T) {
	t.Setenv(EnvVar, t.TempDir())
	for _, ci := range []string{"", "true"} {
		t.Setenv("CI", ci)
		var tb fakeTB
		Path(&tb, "no/such/file.csv")
		if (ci != "") != (tb.fatal != "") || (ci == "") != (tb.skip != "") {
			t.Errorf("CI=%q: fatal %q, skip %q", ci, tb.fatal, tb.skip)
		}
	}
}
