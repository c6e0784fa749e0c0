package commandflag

import "strings"

// Help is an action verb's help file read into its parts: the usage
// line's arguments, whose words after PACT name the fields given as
// arguments, the description, and a line "--FIELD help" for each other
// field's flag, which Bind takes as the flag's usage.
type Help struct {
	Line        string            // the usage line's arguments: "PACT PROPOSAL --key FILE [flags]"
	Args        []string          // the fields given as arguments, as JSON names them: "proposal"
	Description string            // the rest, without the flags' lines
	Usage       map[string]string // each flag's help, by field
}

// ParseHelp reads an action's help: line is its usage line's arguments,
// text the rest of its help file.
func ParseHelp(line, text string) Help {
	h := Help{Line: line, Usage: map[string]string{}}
	for _, w := range strings.Fields(h.Positional())[1:] { // after PACT
		h.Args = append(h.Args, strings.ToLower(w))
	}
	var description []string
	for _, l := range strings.Split(text, "\n") {
		if flag, usage, ok := strings.Cut(strings.TrimPrefix(l, "--"), " "); ok && strings.HasPrefix(l, "--") {
			h.Usage[flag] = usage
			continue
		}
		description = append(description, l)
	}
	h.Description = strings.TrimSpace(strings.Join(description, "\n"))
	return h
}

// Positional is what the usage line expects before the flags: "PACT
// PROPOSAL".
func (h Help) Positional() string {
	words, _, _ := strings.Cut(h.Line, " --key")
	return words
}
