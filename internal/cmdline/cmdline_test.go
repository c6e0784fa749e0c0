package cmdline

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"testing"
)

// testProgram is a program of two verbs: "greet", which takes flags and a
// name, and "pick", which takes a subcommand.
func testProgram() Program {
	var p Program
	p = Program{
		Name: "prog",
		Verbs: func() []Verb {
			return []Verb{
				{Name: "greet", Summary: "say hello", Run: func(ctx context.Context, env *Env, args []string) error {
					fs := p.NewFlags(env, "greet", "NAME [flags]", "\nGreets NAME.\n")
					loud := fs.Bool("loud", false, "shout")
					pos, err := ParseInterleaved(fs, args)
					if err != nil {
						return err
					}
					if len(pos) != 1 {
						return Usagef("greet: expected one NAME")
					}
					if pos[0] == "nobody" {
						return errors.New("no one is there")
					}
					msg := "hello " + pos[0]
					if *loud {
						msg = strings.ToUpper(msg)
					}
					_, err = env.Stdout.Write([]byte(msg + "\n"))
					return err
				}},
				{Name: "pick", Summary: "pick one", Subs: []Sub{{Name: "left", Summary: "the left one, a summary long enough to be wrapped onto a second line of the overview"}, {Name: "right", Summary: "the right one"}},
					Run: func(ctx context.Context, env *Env, args []string) error {
						sub, _, err := p.Subcommand("pick", args)
						if err == nil {
							_, err = env.Stdout.Write([]byte(sub + "\n"))
						}
						return err
					}},
				{Name: "help", Summary: "help", Run: func(ctx context.Context, env *Env, args []string) error { return p.Help(ctx, env, args) }},
			}
		},
		Usage: func(w io.Writer) { fmt.Fprintln(w, "Usage: prog VERB") },
		Version: func(ctx context.Context, env *Env, args []string) error {
			_, err := env.Stdout.Write([]byte("v1\n"))
			return err
		},
		Describe: func(err error) string { return "described: " + err.Error() },
		ExitCode: func(err error) int { return 7 },
	}
	return p
}

// run runs the test program in process.
func run(args ...string) (code int, stdout, stderr string) {
	var out, errw bytes.Buffer
	code = testProgram().Main(context.Background(), &Env{Stdout: &out, Stderr: &errw, Stdin: strings.NewReader("")}, args)
	return code, out.String(), errw.String()
}

func TestMain(t *testing.T) {
	tests := []struct {
		args           []string
		code           int
		stdout, stderr string // substrings; "" checks nothing
	}{
		{nil, 0, "Usage: prog VERB", ""},
		{[]string{"--help"}, 0, "Usage: prog VERB", ""},
		{[]string{"help"}, 0, "Usage: prog VERB", ""},
		{[]string{"--version"}, 0, "v1", ""},
		{[]string{"greet", "ann"}, 0, "hello ann\n", ""},
		{[]string{"greet", "ann", "--loud"}, 0, "HELLO ANN\n", ""},
		{[]string{"greet", "--loud", "ann"}, 0, "HELLO ANN\n", ""},
		{[]string{"greet"}, 2, "", "prog: greet: expected one NAME\n"},
		{[]string{"greet", "--bogus"}, 2, "", "prog: --bogus: not a flag of prog greet (see prog greet --help)\n"},
		{[]string{"greet", "--help"}, 0, "Usage: prog greet NAME [flags]\n\nGreets NAME.\n\nFlags:\n  -loud\n", ""},
		{[]string{"help", "greet"}, 0, "Usage: prog greet NAME [flags]", ""},
		{[]string{"greet", "nobody"}, 7, "", "prog: described: no one is there\n"},
		{[]string{"frob"}, 2, "", "prog: unknown verb \"frob\""},
		{[]string{"pick"}, 2, "", "Usage: prog pick left|right [flags]"},
		{[]string{"pick", "--help"}, 0, "Run \"prog pick left --help\" for the flags.", ""},
		{[]string{"help", "pick"}, 0, "  right  the right one\n", ""},
		{[]string{"pick", "right"}, 0, "right\n", ""},
		{[]string{"pick", "middle"}, 2, "", `prog: pick: expected left or right, got "middle" (see prog pick left --help)`},
		{[]string{"help", "frob"}, 2, "", `help: unknown verb "frob" (see prog help)`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := run(tt.args...)
			if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, stdout, stderr)
			}
		})
	}
}

// TestOverviewWraps checks that a long subcommand summary wraps under
// itself within 78 columns.
func TestOverviewWraps(t *testing.T) {
	p := testProgram()
	v, _ := p.Lookup("pick")
	got := p.Overview(v)
	want := "Usage: prog pick left|right [flags]\n\n" +
		"  left   the left one, a summary long enough to be wrapped onto a second line\n" +
		"         of the overview\n" +
		"  right  the right one\n\n" +
		"Run \"prog pick left --help\" for the flags.\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, line := range strings.Split(got, "\n") {
		if len(line) > 78 {
			t.Errorf("line longer than 78: %q", line)
		}
	}
}

func TestExit(t *testing.T) {
	p := testProgram()
	var b bytes.Buffer
	env := &Env{Stdout: &b, Stderr: &b}
	for _, tt := range []struct {
		err  error
		code int
	}{{nil, 0}, {flag.ErrHelp, 0}, {Usagef("bad"), 2}, {fmt.Errorf("wrapped: %w", Usagef("bad")), 2}, {errors.New("x"), 7}} {
		if got := p.Exit(env, tt.err); got != tt.code {
			t.Errorf("Exit(%v) = %d, want %d", tt.err, got, tt.code)
		}
	}
}

func TestFlagTypes(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var l List[string]
	a := Amounts{}
	m := map[string]string{}
	fs.Var(&l, "l", "")
	fs.Var(a, "a", "")
	fs.Var(Pairs{M: m, What: "dataset=id"}, "p", "")
	if err := fs.Parse([]string{"-l", "x", "-l", "y", "-a", "mil=2.5", "-a", "eco=1e3", "-p", "cow=2"}); err != nil {
		t.Fatal(err)
	}
	if l.String() != "x,y" || a["mil"] != 2.5 || a["eco"] != 1000 || m["cow"] != "2" {
		t.Errorf("got %v %v %v", l, a, m)
	}
	for _, bad := range [][]string{{"-a", "mil"}, {"-a", "=1"}, {"-a", "mil=x"}, {"-p", "cow="}, {"-p", "=2"}, {"-p", "cow"}} {
		err := fs.Parse(bad)
		if err == nil {
			t.Errorf("%v: no error", bad)
			continue
		}
		if bad[0] == "-p" && !strings.Contains(err.Error(), "expected dataset=id") {
			t.Errorf("%v: %v does not say what was expected", bad, err)
		}
	}
}

func TestBuildInfo(t *testing.T) {
	if got := BuildInfo("prog", nil, false); got != "prog: no build information in this binary\n" {
		t.Errorf("no info: %q", got)
	}
	bi := &debug.BuildInfo{GoVersion: "go1.26", Main: debug.Module{Path: "example.org/prog"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "true"}, {Key: "vcs.time", Value: "2026-01-02T03:04:05Z"}}}
	want := "prog (devel)\nmodule   example.org/prog\nrevision abc (modified)\ntime     2026-01-02T03:04:05Z\ngo       go1.26\n"
	if got := BuildInfo("prog", bi, true); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	bi.Main.Version, bi.Settings = "v1.2.3", nil
	if got := BuildInfo("prog", bi, true); !strings.HasPrefix(got, "prog v1.2.3\n") || strings.Contains(got, "revision") {
		t.Errorf("release build: %q", got)
	}
}
