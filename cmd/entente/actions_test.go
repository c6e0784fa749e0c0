package main

import (
	"flag"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/commandflag"
)

// TestBindCommand: an action's flags fill its command's fields by their
// JSON names, from the preset defaults, its arguments and dates.
func TestBindCommand(t *testing.T) {
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		action string
		flags  []string
		args   []string
		want   entente.Command
	}{
		{"pledge", []string{"--resource", "eur_k", "--amount", "2.5", "--due", "+30d"}, nil,
			entente.Pledge{Resource: "eur_k", Amount: 2.5, Due: now.AddDate(0, 0, 30)}},
		{"propose", []string{"--title", "T"}, nil, entente.Propose{Matter: entente.DefaultMatter, Title: "T"}},
		{"vote", []string{"--choice", "yes"}, []string{"p2"}, entente.CastVote{Proposal: "p2", Choice: "yes"}},
		{"dispute open", []string{"--against", "a, b", "--against", "c", "--subject", "S"}, nil,
			entente.RaiseDispute{Against: []entente.ActorID{"a", "b", "c"}, Subject: "S"}},
		{"bargain", []string{"--parties", "x,y", "--total", "9", "--kind", "costs"}, nil,
			entente.OpenBargaining{Parties: []entente.ActorID{"x", "y"}, Total: 9, Kind: "costs"}},
		{"dispute appoint", []string{"--actor", "n"}, []string{"d1"}, entente.AppointNeutral{Dispute: "d1", Role: entente.DefaultNeutralRole, Actor: "n"}},
		{"objective set", []string{"--metric", "m", "--target", "1"}, nil, entente.SetObjective{Metric: "m", Target: 1}},
	} {
		a := actionNamed(tc.action)
		fs := flag.NewFlagSet(tc.action, flag.ContinueOnError)
		cmd := reflect.New(reflect.TypeOf(a.cmd)).Elem()
		cmd.Set(reflect.ValueOf(a.cmd))
		fill := commandflag.Bind(fs, cmd, a.name, a.Args, a.Usage, strings.NewReader(""))
		if err := fs.Parse(tc.flags); err != nil {
			t.Fatalf("%s: %v", tc.action, err)
		}
		if err := fill(tc.args, now); err != nil {
			t.Fatalf("%s: %v", tc.action, err)
		}
		if got := cmd.Interface(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s %v: got %#v, want %#v", tc.action, tc.flags, got, tc.want)
		}
	}
}

// TestBindCommandRefuses: a required date left out is bad usage naming the
// flag, and a command field without help is a fault of the table.
func TestBindCommandRefuses(t *testing.T) {
	a := actionNamed("pledge")
	cmd := reflect.New(reflect.TypeOf(a.cmd)).Elem()
	fill := commandflag.Bind(flag.NewFlagSet("pledge", flag.ContinueOnError), cmd, a.name, a.Args, a.Usage, nil)
	if err := fill(nil, time.Now()); err == nil || !strings.Contains(err.Error(), "--due") {
		t.Errorf("pledge without --due: %v", err)
	}
	defer func() {
		if recover() == nil {
			t.Error("a field without help: no panic")
		}
	}()
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	commandflag.Bind(fs, reflect.New(reflect.TypeFor[entente.Pledge]()).Elem(), "x", nil, nil, nil)
}

// TestActionHelpNamesFields: every action's help file names, as arguments
// and as "--FIELD help" lines, only fields of its command, each once, so
// that a renamed field cannot leave stale help behind (a field without
// help is caught by commandflag.Bind).
func TestActionHelpNamesFields(t *testing.T) {
	for name, cmd := range actions {
		a := actionNamed(name)
		fields := map[string]bool{}
		typ := reflect.TypeOf(cmd)
		for i := range typ.NumField() {
			json, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			fields[json] = true
		}
		for _, arg := range a.Args {
			if !fields[arg] {
				t.Errorf("%s: the argument %s is not a field of %s", name, strings.ToUpper(arg), typ.Name())
			}
			if _, ok := a.Usage[arg]; ok {
				t.Errorf("%s: %s is both an argument and a flag", name, arg)
			}
		}
		for flag := range a.Usage {
			if !fields[flag] {
				t.Errorf("%s: help for --%s, which is not a field of %s", name, flag, typ.Name())
			}
		}
		if a.Description == "" || strings.Contains(a.Description, "\n--") {
			t.Errorf("%s: description %q", name, a.Description)
		}
	}
}
