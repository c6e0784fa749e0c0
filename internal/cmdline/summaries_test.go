package cmdline

import (
	"reflect"
	"strings"
	"testing"
)

// Summarize gives each verb its line and its subcommands in the order of
// the table; a comment is skipped and a verb without subcommands has none.
func TestSummarize(t *testing.T) {
	text := "# a comment\nget\tfetch things\nget one\tone thing\nget all\tevery thing\nput\tstore a thing\nsim merge\t\nsim\tsimulate\n"
	got := Summarize([]Verb{{Name: "put", Args: "X"}, {Name: "get"}, {Name: "sim"}}, text)
	want := []Verb{
		{Name: "put", Args: "X", Summary: "store a thing"},
		{Name: "get", Summary: "fetch things", Subs: []Sub{{"one", "one thing"}, {"all", "every thing"}}},
		{Name: "sim", Summary: "simulate", Subs: []Sub{{"merge", ""}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Summarize = %+v, want %+v", got, want)
	}
	if got[1].HasOverview() == false || got[2].HasOverview() {
		t.Errorf("HasOverview: get %v (want true), sim %v (want false)", got[1].HasOverview(), got[2].HasOverview())
	}
}

// A table out of step with the verbs is a fault of the command: it panics
// and says what is wrong.
func TestSummarizePanics(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"verb without a line", "get\tfetch\n", "no line for verb put"},
		{"line without a verb", "get\tfetch\nput\tstore\ndrop\tforget\n", "drop"},
		{"subcommands without a verb", "get\tfetch\nput\tstore\ndrop all\tforget\n", "drop"},
		{"no tab", "get fetch things\nput\tstore\n", "line 1"},
		{"a verb twice", "get\tfetch\nput\tstore\nget\tagain\n", "line 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if r, _ := recover().(string); !strings.Contains(r, tc.want) {
					t.Errorf("panic %q, want it to say %q", r, tc.want)
				}
			}()
			Summarize([]Verb{{Name: "get"}, {Name: "put"}}, tc.text)
		})
	}
}
