package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/entente/entente"
)

// TestVersion checks --version and the version verb: the module, the Go
// version and, in the binary built from the repository, its revision.
func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		r := exits(t, 0, args...)
		for _, want := range []string{"entente ", "module   github.com/entente/entente", "go       " + runtime.Version()} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("entente %s lacks %q:\n%s", args[0], want, r.stdout)
			}
		}
	}
	exits(t, 2, "version", "extra")
}

// TestHelpVerb checks that "entente help VERB" prints the verb's own help,
// the same as "entente VERB --help", on standard output.
func TestHelpVerb(t *testing.T) {
	for _, words := range [][]string{{"pact"}, {"pledge"}, {"pact", "list"}, {"report", "burden"}, {"sim", "merge"}} {
		h := inProcess(t, append([]string{"help"}, words...)...)
		f := inProcess(t, append(words, "--help")...)
		name := strings.Join(words, " ")
		if h.code != 0 || f.code != 0 || h.stdout != f.stdout || !strings.Contains(h.stdout, "Usage: entente "+name) {
			t.Errorf("help %s (exit %d) and %s --help (exit %d) differ or lack the usage:\n%s\n---\n%s", name, h.code, name, f.code, h.stdout, f.stdout)
		}
		if strings.Contains(h.stdout, "Verbs:") {
			t.Errorf("help %s printed the global help", name)
		}
	}
	if r := inProcess(t, "help", "frobnicate"); r.code != 2 || !strings.Contains(r.stderr, `unknown verb "frobnicate"`) {
		t.Errorf("help frobnicate: %s", r)
	}
}

// TestSubcommandHelpShowsItsOwnFlags checks that each subcommand's --help
// lists its own flags and not a sibling's.
func TestSubcommandHelpShowsItsOwnFlags(t *testing.T) {
	for _, tc := range []struct {
		words     []string
		has, lack []string
	}{
		{[]string{"pact", "list"}, []string{"-db", "-server", "-key"}, []string{"-file", "-by", "-cosign"}},
		{[]string{"pact", "found"}, []string{"-file", "-key"}, nil},
		{[]string{"actor", "list"}, []string{"-db", "-server", "-key"}, []string{"-kind", "-token", "-cosign"}},
		{[]string{"actor", "register"}, []string{"-token", "-kind", "-capabilities"}, nil},
		{[]string{"similarity", "portfolio"}, []string{"-ties"}, []string{"-important", "-issue", "-by", "-contested"}},
		{[]string{"similarity", "votes"}, []string{"-by", "-contested"}, []string{"-ties"}},
		{[]string{"panel", "alliances"}, []string{"-nmc"}, []string{"-directed", "-with"}},
		{[]string{"panel", "states"}, []string{"-with"}, []string{"-directed"}},
	} {
		r := inProcess(t, append(tc.words, "--help")...)
		for _, f := range tc.has {
			if !strings.Contains(r.stdout, "  "+f+" ") && !strings.Contains(r.stdout, "  "+f+"\n") {
				t.Errorf("%s --help lacks %s:\n%s", strings.Join(tc.words, " "), f, r.stdout)
			}
		}
		for _, f := range tc.lack {
			if strings.Contains(r.stdout, "  "+f+" ") || strings.Contains(r.stdout, "  "+f+"\n") {
				t.Errorf("%s --help shows %s, a sibling's flag:\n%s", strings.Join(tc.words, " "), f, r.stdout)
			}
		}
	}
}

// TestExitCodes checks the one table: every error code of package entente
// has its own exit code, distinct from the others and from 0 and 2, and
// the global help lists them all.
func TestExitCodes(t *testing.T) {
	codes := []string{entente.EINVALID, entente.ENOTFOUND, entente.ECONFLICT, entente.EFORBIDDEN, entente.ETOOLARGE,
		entente.ETOOMANY, entente.EMETHOD, entente.EUNAVAILABLE, entente.EINTERNAL}
	seen := map[int]string{0: "success", 2: "usage"}
	help := inProcess(t, "help").stdout
	for _, c := range codes {
		exit := exitCodeOf(c)
		if other, dup := seen[exit]; dup {
			t.Errorf("%s exits %d, like %s", c, exit, other)
		}
		seen[exit] = c
		var b strings.Builder
		env := &cli{Stdout: &b, Stderr: &b}
		if got := program.Exit(env, entente.Errorf(c, "x")); got != exit {
			t.Errorf("an error coded %s exits %d, want %d", c, got, exit)
		}
		if !strings.Contains(help, " "+c+" ") {
			t.Errorf("the global help does not list %s", c)
		}
	}
	env := &cli{Stdout: &strings.Builder{}, Stderr: &strings.Builder{}}
	if got := program.Exit(env, errors.New("plain")); got != exitCodeOf(entente.EINTERNAL) {
		t.Errorf("an error without a code exits %d", got)
	}
	if got := program.Exit(env, usagef("bad")); got != 2 {
		t.Errorf("a usage error exits %d", got)
	}
}

// TestOutputConvention runs split, health and power with --out in each
// format: the file is written, "wrote N rows" is said, and a format the
// verb does not write is refused naming the flag, leaving nothing behind.
func TestOutputConvention(t *testing.T) {
	dir := t.TempDir()
	db := seedDemo(t, dir)
	for _, tc := range []struct {
		args []string
		rows string
	}{
		{[]string{"split", jv, "--db", db}, "wrote 3 rows"},
		{[]string{"health", jv, "--db", db}, "wrote "},
		{[]string{"power", "--weights", "2,1,1", "--quota", "3"}, "wrote 3 rows"},
		{[]string{"pact", "list", "--db", db}, "wrote 3 rows"},
	} {
		for _, ext := range []string{"csv", "json"} {
			out := filepath.Join(dir, tc.args[0]+"."+ext)
			r := exits(t, 0, append(tc.args, "--out", out)...)
			if !strings.Contains(r.stderr, tc.rows) || !strings.Contains(r.stderr, out) {
				t.Errorf("%s --out %s: stderr %q", tc.args[0], out, r.stderr)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if ext == "json" && !json.Valid(data) {
				t.Errorf("%s: not JSON:\n%s", out, data)
			}
			if ext == "csv" && (strings.Contains(string(data), "NaN") || !strings.Contains(strings.SplitN(string(data), "\n", 2)[0], ",")) {
				t.Errorf("%s: not a clean CSV:\n%s", out, data)
			}
		}
		bad := filepath.Join(dir, tc.args[0]+".xlsx")
		r := exits(t, 2, append(tc.args, "--out", bad)...)
		if !strings.Contains(r.stderr, "--out") {
			t.Errorf("%s --out %s: stderr %q does not name --out", tc.args[0], bad, r.stderr)
		}
		if _, err := os.Stat(bad); err == nil {
			t.Errorf("%s: a refused --out was written", bad)
		}
		if r := exits(t, 2, append(tc.args, "--format", "csv", "--json")...); !strings.Contains(r.stderr, "--format") {
			t.Errorf("%s --format csv --json: %s", tc.args[0], r.stderr)
		}
	}
}

// TestHubChartRefusesSVG: the hub-and-spoke chart is drawn as PNG only, so
// an .svg file is refused before any data is read, never filled with PNG
// bytes.
func TestHubChartRefusesSVG(t *testing.T) {
	svg := filepath.Join(t.TempDir(), "x.svg")
	for _, flagName := range []string{"--chart", "--out-png"} {
		r := inProcess(t, "report", "hub-and-spoke", "--data", "/nonexistent", flagName, svg)
		if r.code != 2 || !strings.Contains(r.stderr, "PNG only") {
			t.Errorf("%s x.svg: %s", flagName, r)
		}
	}
	if _, err := os.Stat(svg); err == nil {
		t.Error("an .svg file was written")
	}
}
