package cmdline

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Summarize fills in the summaries and subcommands of a verb table from
// text, the table of summaries (a command's help/verbs.tsv): one line per
// verb, "NAME<TAB>summary", and one per subcommand, "VERB SUB<TAB>summary"
// in the order the overview lists them; lines starting with "#" are
// comments. So the names and summaries live in one file beside the verbs'
// help, and the verb table holds only what runs them. A verb without a
// line, or a line without a verb, is a fault of the command: it panics.
func Summarize(verbs []Verb, text string) []Verb {
	summaries, subs := map[string]string{}, map[string][]Sub{}
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		name, summary, ok := strings.Cut(line, "\t")
		switch {
		case strings.HasPrefix(line, "#"):
			continue
		case !ok:
			panic(fmt.Sprintf("cmdline: summaries, line %d: expected NAME, a tab and the summary, got %q", i+1, line))
		}
		if verb, sub, ok := strings.Cut(name, " "); ok {
			subs[verb] = append(subs[verb], Sub{Name: sub, Summary: summary})
		} else if _, dup := summaries[name]; dup {
			panic(fmt.Sprintf("cmdline: summaries, line %d: verb %s again", i+1, name))
		} else {
			summaries[name] = summary
		}
	}
	for i, v := range verbs {
		s, ok := summaries[v.Name]
		if !ok {
			panic("cmdline: summaries: no line for verb " + v.Name)
		}
		verbs[i].Summary, verbs[i].Subs = s, subs[v.Name]
		delete(summaries, v.Name)
		delete(subs, v.Name)
	}
	if len(summaries)+len(subs) > 0 {
		panic(fmt.Sprintf("cmdline: summaries: lines for verbs not in the verb table: %v %v", slices.Sorted(maps.Keys(summaries)), slices.Sorted(maps.Keys(subs))))
	}
	return verbs
}
