// Package cmdline is the machinery of a command made of verbs: one table
// of verbs with their subcommands and one-line summaries, the help printed
// from it ("PROG help VERB", "PROG VERB --help"), flag sets whose usage
// gives a verb's usage line and description, flags that may follow the
// positional arguments, bad usage as its own error (exit code 2), and the
// repeatable flag types the verbs share.
//
// It knows nothing of what the verbs do: the command gives its verb table,
// its global help and how to turn other errors into messages and exit
// codes.
package cmdline

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/output"
)

// Env is what every verb sees: its streams, and whether the arguments ask
// for help (then usage goes to standard output).
type Env struct {
	Stdout, Stderr io.Writer
	Stdin          io.Reader
	Helping        bool
	FlagSets       []FlagSet // every flag set made, for tables generated from the flags
}

// FlagSet is a verb's flag set with the arguments its usage line names.
type FlagSet struct {
	*flag.FlagSet
	Args string
}

// Verb is one row of the verb table: its name, a one-line summary, and,
// for a verb that takes a subcommand, the subcommands with a line each,
// from which "PROG help VERB" prints the overview.
type Verb struct {
	Name    string
	Summary string
	Subs    []Sub  // the subcommands, if the verb takes one
	Args    string // what follows the subcommand in the overview's usage line
	Run     func(ctx context.Context, env *Env, args []string) error
}

// Sub is a subcommand and its line in the verb's overview; a verb whose
// subcommands have no line runs without one.
type Sub struct{ Name, Summary string }

// HasOverview reports whether the verb needs a subcommand, so that
// "PROG help VERB" prints its overview.
func (v Verb) HasOverview() bool { return len(v.Subs) > 0 && v.Subs[0].Summary != "" }

// Program is a command: its name, its verbs and what it does with errors.
type Program struct {
	Name     string
	Verbs    func() []Verb
	Usage    func(w io.Writer)                                        // the global help
	Version  func(ctx context.Context, env *Env, args []string) error // PROG --version
	Describe func(err error) string                                   // an error for a person
	ExitCode func(err error) int                                      // the exit code of an error that is not bad usage
}

// UsageError is bad usage: an unknown verb or flag, a missing or malformed
// argument. It exits with code 2.
type UsageError = output.UsageError

// Usagef returns a UsageError.
func Usagef(format string, args ...any) error { return UsageError{Msg: fmt.Sprintf(format, args...)} }

// Overview is what "PROG help VERB" prints for a verb that needs a
// subcommand: the usage line, a wrapped line per subcommand, and where
// the flags are.
func (p Program) Overview(v Verb) string {
	names, width := make([]string, len(v.Subs)), 0
	for i, s := range v.Subs {
		names[i], width = s.Name, max(width, len(s.Name))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: %s %s %s %s\n\n", p.Name, v.Name, strings.Join(names, "|"), cmp.Or(v.Args, "[flags]"))
	for _, s := range v.Subs {
		line := fmt.Sprintf("  %-*s  ", width, s.Name)
		for _, word := range strings.Fields(s.Summary) {
			if len(line)+1+len(word) > 78 && strings.TrimSpace(line) != s.Name {
				b.WriteString(strings.TrimRight(line, " ") + "\n")
				line = strings.Repeat(" ", width+4)
			}
			line += word + " "
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	fmt.Fprintf(&b, "\nRun \"%s %s %s --help\" for the flags.\n", p.Name, v.Name, v.Subs[0].Name)
	return b.String()
}

// Lookup finds a verb of the table by name.
func (p Program) Lookup(name string) (Verb, bool) {
	verbs := p.Verbs()
	i := slices.IndexFunc(verbs, func(v Verb) bool { return v.Name == name })
	if i < 0 {
		return Verb{}, false
	}
	return verbs[i], true
}

// Subcommand splits args into the subcommand, one of verb's in the verb
// table, and the rest; with none or another, it says which there are.
func (p Program) Subcommand(verb string, args []string) (string, []string, error) {
	v, _ := p.Lookup(verb)
	names := make([]string, len(v.Subs))
	for i, s := range v.Subs {
		names[i] = s.Name
	}
	expected := strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
	switch {
	case len(args) == 0:
		return "", nil, Usagef("%s: expected %s (see %s %s %s --help)", verb, expected, p.Name, verb, names[0])
	case !slices.Contains(names, args[0]):
		return "", nil, Usagef("%s: expected %s, got %q (see %s %s %s --help)", verb, expected, args[0], p.Name, verb, names[0])
	}
	return args[0], args[1:], nil
}

// Main runs one verb and returns the exit code: 0, 2 for bad usage, or
// what p.ExitCode says.
func (p Program) Main(ctx context.Context, env *Env, args []string) int {
	switch {
	case len(args) == 0 || IsHelpFlag(args[0]) || len(args) == 1 && args[0] == "help":
		p.Usage(env.Stdout)
		return 0
	case args[0] == "--version" || args[0] == "-version":
		return p.Exit(env, p.Version(ctx, env, args[1:]))
	}
	v, ok := p.Lookup(args[0])
	if !ok {
		fmt.Fprintf(env.Stderr, "%s: unknown verb %q\n\n", p.Name, args[0])
		p.Usage(env.Stderr)
		return 2
	}
	if v.HasOverview() && (len(args) == 1 || isHelp(args[1])) {
		if len(args) == 1 {
			fmt.Fprint(env.Stderr, p.Overview(v))
			return 2
		}
		fmt.Fprint(env.Stdout, p.Overview(v))
		return 0
	}
	env.Helping = slices.ContainsFunc(args[1:], IsHelpFlag)
	return p.Exit(env, v.Run(ctx, env, args[1:]))
}

// Exit reports err on standard error and returns its exit code: 0 for
// none or a request for help, 2 for bad usage (an input out of its
// declared range among it), else what p.ExitCode says.
func (p Program) Exit(env *Env, err error) int {
	var (
		u  UsageError
		fe *FieldError
	)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &u), errors.As(err, &fe):
		fmt.Fprintf(env.Stderr, "%s: %v\n", p.Name, err)
		return 2
	}
	fmt.Fprintf(env.Stderr, "%s: %s\n", p.Name, p.Describe(err))
	return p.ExitCode(err)
}

// Help is the verb "PROG help [VERB [SUBCOMMAND]]".
func (p Program) Help(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || IsHelpFlag(args[0]) {
		if len(args) > 0 {
			fmt.Fprintf(env.Stdout, "Usage: %s help [VERB [SUBCOMMAND]]\n\n", p.Name)
		}
		p.Usage(env.Stdout)
		return nil
	}
	v, ok := p.Lookup(args[0])
	if !ok {
		return Usagef("help: unknown verb %q (see %s help)", args[0], p.Name)
	}
	if v.HasOverview() && len(args) == 1 {
		fmt.Fprint(env.Stdout, p.Overview(v))
		return nil
	}
	env.Helping = true
	return v.Run(ctx, env, append(slices.Clone(args[1:]), "--help"))
}

// NewFlags makes a verb's flag set with its usage line ("PROG NAME ARGS")
// and description. Its usage goes to standard output when help was asked
// for.
func (p Program) NewFlags(env *Env, name, args, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(p.Name+" "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	if env.Helping {
		fs.SetOutput(env.Stdout)
	}
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s %s %s\n\n%s\n\nFlags:\n", p.Name, name, args, strings.TrimSpace(description))
		fs.PrintDefaults()
	}
	env.FlagSets = append(env.FlagSets, FlagSet{fs, args})
	return fs
}

// Parse parses flags, turning flag errors into usage errors that name the
// flag.
func Parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return err
	}
	if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
		return Usagef("--%s: not a flag of %s (see %s --help)", name, fs.Name(), fs.Name())
	}
	return UsageError{Msg: err.Error()}
}

// ParseInterleaved parses flags that may come before or after the
// positional arguments, returning the positional ones.
func ParseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := Parse(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// ParseNone parses the flags of a verb that takes no positional argument,
// refusing any.
func ParseNone(fs *flag.FlagSet, args []string) error {
	pos, err := ParseInterleaved(fs, args)
	if err == nil && len(pos) > 0 {
		verb := strings.TrimPrefix(fs.Name(), "entente ")
		return Usagef("%s: unexpected argument %q (see entente %s --help)", verb, pos[0], verb)
	}
	return err
}

// Invalid turns a request's input error (an EINVALID *entente.Error
// naming the input by its flag, as Validate returns) into bad usage naming
// the flag; other errors pass through.
func Invalid(err error) error {
	if f := entente.ErrorField(err); f != "" && entente.ErrorCode(err) == entente.EINVALID {
		return Usagef("--%s: %s", f, strings.TrimPrefix(entente.ErrorMessage(err), f+": "))
	}
	return err
}

// isHelp reports whether arg asks for help, as a flag or a word.
func isHelp(arg string) bool { return IsHelpFlag(arg) || arg == "help" }

// IsHelpFlag reports whether arg is a help flag.
func IsHelpFlag(arg string) bool { return arg == "-h" || arg == "-help" || arg == "--help" }
