package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/client"
	"github.com/entente/entente/internal/number"
	"github.com/entente/entente/internal/table"
)

// capFlag collects repeated name=value flags.
type capFlag map[string]float64

func (c capFlag) String() string { return "" }

func (c capFlag) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return fmt.Errorf("expected name=amount, got %q", s)
	}
	v, err := strconv.ParseFloat(value, 64)
	if err != nil {
		return fmt.Errorf("expected a number after %s=, got %q", name, value)
	}
	c[name] = v
	return nil
}

// codeFlag collects repeated dataset=id flags.
type codeFlag map[string]string

func (c codeFlag) String() string { return "" }

func (c codeFlag) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || name == "" || value == "" {
		return fmt.Errorf("expected dataset=id, got %q", s)
	}
	c[name] = value
	return nil
}

// cultureOf reads --culture dimension=score flags into a Culture, naming an
// unknown dimension.
func cultureOf(scores capFlag) (*entente.Culture, error) {
	if len(scores) == 0 {
		return nil, nil
	}
	data, err := json.Marshal(scores)
	if err != nil {
		return nil, usagef("--culture: %v", err)
	}
	var c entente.Culture
	if err := entente.StrictJSON(data, &c); err != nil {
		return nil, usagef("--culture: expected power_distance, individualism, masculinity, uncertainty_avoidance, long_term_orientation or indulgence: %v", err)
	}
	return &c, nil
}

func runActor(ctx context.Context, env *cli, args []string) error {
	if len(args) == 0 || !oneOfStrings(args[0], "add", "register", "update", "list", "show") {
		return usagef("actor: expected register, update, add, list or show (see entente actor register --help)")
	}
	sub, args := args[0], args[1:]
	fs := newFlags(env, "actor "+sub, actorUsage[sub][0], actorUsage[sub][1])
	var c common
	c.register(fs)
	var list outputFlags
	if sub == "list" {
		list.register(fs, "write the actors to this `file` (.csv, .json)", "table", "csv", "json")
	}
	var s signing
	var token string
	if sub == "register" || sub == "update" {
		s.register(fs)
	}
	if sub == "register" {
		fs.StringVar(&token, "token", "", "the invitation `token` (from 'entente invite')")
		fs.StringVar(&token, "invitation", "", "the same as --token")
	}
	var a entente.Actor
	caps, positions, culture, codes := capFlag{}, capFlag{}, capFlag{}, codeFlag{}
	if sub == "add" || sub == "register" || sub == "update" {
		fs.StringVar((*string)(&a.ID), "id", "", "the actor's `id` (lower-case slug)")
		fs.StringVar(&a.Name, "name", "", "the actor's name")
		fs.StringVar((*string)(&a.Kind), "kind", "", "state, firm, ngo, person or group (required: the API has no default)")
		fs.Var(caps, "capabilities", "a capability as `name=amount` (repeatable)")
		fs.Var(caps, "cap", "short for --capabilities")
		fs.Var(positions, "positions", "a position on an issue as `issue=value` (repeatable)")
		fs.Var(culture, "culture", "a Hofstede dimension as `dimension=score` (power_distance, individualism, masculinity, uncertainty_avoidance, long_term_orientation, indulgence; repeatable)")
		fs.Var(codes, "codes", "an identifier in an outside dataset as `dataset=id`, such as cow=2 (repeatable)")
	}
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(caps) > 0 {
		a.Capabilities = caps
	}
	if len(positions) > 0 {
		a.Positions = positions
	}
	if len(codes) > 0 {
		a.Codes = codes
	}
	if a.Culture, err = cultureOf(culture); err != nil {
		return err
	}
	if (sub == "add" || sub == "register" || sub == "update") && a.Kind == "" {
		return usagef("actor %s: --kind: expected state, firm, ngo, person or group", sub)
	}
	switch sub {
	case "register":
		return registerActor(ctx, env, &c, &s, a, token)
	case "update":
		if s.key == "" {
			return usagef("actor update: expected --key FILE")
		}
		d, err := client.LoadKey(s.key)
		if err != nil {
			return err
		}
		if a.ID == "" {
			a.ID = d.Actor
		}
		sig, err := s.sign(entente.RegistryLog, string(a.ID), entente.UpdateActor{Actor: a})
		if err != nil {
			return err
		}
		return s.deliver(ctx, env, &c, sig)
	}
	svc, done, err := c.openServiceFor(ctx, sub == "add")
	if err != nil {
		return err
	}
	defer done()
	switch sub {
	case "add":
		got, err := svc.RegisterActor(ctx, a)
		if err != nil {
			return err
		}
		return c.output(env.stdout, got, actorHeader, [][]string{actorRow(got)})
	case "show":
		if len(pos) != 1 {
			return usagef("actor show: expected one actor ID")
		}
		got, err := svc.Actor(entente.ActorID(pos[0]))
		if err != nil {
			return err
		}
		return c.output(env.stdout, got, actorHeader, [][]string{actorRow(got)})
	}
	actors := svc.Actors()
	var rows [][]string
	for _, a := range actors {
		rows = append(rows, actorRow(a))
	}
	return list.emitRows(env, actors, actorHeader, rows)
}

// actorUsage is the usage line and description of each actor subcommand.
var actorUsage = map[string][2]string{
	"register": {"--key FILE --token TOKEN --id ID --kind KIND [flags]", `
Records an actor with its first delegate key (--key), redeeming an
invitation (--token, from 'entente invite').`},
	"update": {"--key FILE --kind KIND [flags]", `
Changes an actor's record, signed by its delegate. The record is replaced
as a whole: give every field it should keep.`},
	"add": {"--id ID --kind KIND [flags]", `
Records an actor without keys as the operator's record (a historical
state, a simulated agent).`},
	"list": {"[flags]", "Lists every actor."},
	"show": {"ID [flags]", "Prints one actor."},
}

var actorHeader = []string{"ID", "NAME", "KIND", "CAPABILITIES"}

func actorRow(a *entente.Actor) []string {
	var caps []string
	for _, name := range sortedNames(a.Capabilities) {
		caps = append(caps, fmt.Sprintf("%s=%s", name, num(a.Capabilities[name])))
	}
	return []string{string(a.ID), a.Name, string(a.Kind), strings.Join(caps, " ")}
}

func oneOfStrings(s string, options ...string) bool {
	for _, o := range options {
		if s == o {
			return true
		}
	}
	return false
}

func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// num prints an amount in full, "-" when it is missing.
func num(v float64) string { return number.Fixed(v, -1) }

func runPact(ctx context.Context, env *cli, args []string) error {
	if len(args) == 0 || (args[0] != "found" && args[0] != "list" && args[0] != "show") {
		return usagef("pact: expected found, list or show (see entente pact found --help)")
	}
	sub, args := args[0], args[1:]
	fs := newFlags(env, "pact "+sub, pactUsage[sub][0], pactUsage[sub][1])
	var c common
	c.register(fs)
	var list outputFlags
	if sub == "list" {
		list.register(fs, "write the pacts to this `file` (.csv, .json)", "table", "csv", "json")
	}
	var file, by *string
	var s signing
	var remote remoteRead
	if sub != "found" {
		remote.register(fs)
	}
	if sub == "found" {
		file = fs.String("file", "", "the pact `file` to found (JSON; - for standard input)")
		by = fs.String("by", "", "the founding `member` who submits it (implied by --key)")
		s.register(fs)
	}
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if sub == "found" {
		cmd, err := readFoundFile(env, *file)
		if err != nil {
			return err
		}
		return s.act(ctx, env, &c, string(cmd.Pact.ID), *by, cmd)
	}
	if sub == "show" && len(pos) != 1 {
		return usagef("pact show: expected one pact ID")
	}
	if remote.server != "" {
		return remotePact(ctx, env, &c, &list, &remote, sub, pos)
	}
	svc, done, err := c.openService(ctx)
	if err != nil {
		return err
	}
	defer done()
	switch sub {
	case "show":
		st, err := svc.Pact(entente.PactID(pos[0]))
		if err != nil {
			return err
		}
		structure, _ := svc.Structure(st.Pact.ID)
		if c.json {
			return c.output(env.stdout, map[string]any{"state": st, "structure": structure}, nil, nil)
		}
		return showPact(env, st, structure)
	}
	pacts := svc.Pacts()
	var rows [][]string
	for _, st := range pacts {
		rows = append(rows, pactRow(st.Pact.ID, st.Pact.Kind, len(st.InPact()), st.Len, st.Dissolved != nil, st.Pact.Name))
	}
	return list.emitRows(env, pacts, pactHeader, rows)
}

// pactUsage is the usage line and description of each pact subcommand.
var pactUsage = map[string][2]string{
	"found": {"--file FILE --key KEY [flags]", `
Founds a pact from a JSON file {"pact": {...}, "founders": [...]} (see the
Pact schema in /openapi.json), signed by a founder's delegate key; the
other founders co-sign it first ('entente pact found --sign-only', then
'entente sign').`},
	"list": {"[flags]", "Lists every pact: its ID, kind, members, events, status and name."},
	"show": {"PACT [flags]", `
Prints a pact's members, commitments, proposals, disputes and derived
structure.`},
}

func readFoundFile(env *cli, path string) (entente.FoundPact, error) {
	var cmd entente.FoundPact
	if path == "" {
		return cmd, usagef("pact found: expected --file")
	}
	var data []byte
	var err error
	if path == "-" {
		data, err = readAll(env.stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return cmd, err
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cmd); err != nil {
		return cmd, fmt.Errorf("%s: expected {\"pact\": {...}, \"founders\": [...]}: %v", path, err)
	}
	return cmd, nil
}

var pactHeader = []string{"ID", "KIND", "MEMBERS", "EVENTS", "STATUS", "NAME"}

// pactRow is a pact's row in a list, from the store or a server.
func pactRow(id entente.PactID, kind entente.PactKind, members int, events int64, dissolved bool, name string) []string {
	status := map[bool]string{false: "active", true: "dissolved"}[dissolved]
	return []string{string(id), string(kind), strconv.Itoa(members), strconv.FormatInt(events, 10), status, name}
}

func showPact(env *cli, st *entente.PactState, s entente.Structure) error {
	w := env.stdout
	fmt.Fprintf(w, "%s — %s (%s), founded %s, %d events\n", st.Pact.ID, st.Pact.Name, st.Pact.Kind, day(st.Founded), st.Len)
	if st.Dissolved != nil {
		fmt.Fprintf(w, "dissolved %s: %s\n", day(st.Dissolved.At), st.Dissolved.Reason)
	}
	fmt.Fprintf(w, "structure: %d members, %s, %s (largest share %.2f, Herfindahl %.3f on %s), %s\n\n",
		s.Members, map[bool]string{true: "bilateral", false: "multilateral"}[s.Bilateral], s.Symmetry, s.LargestShare, s.Herfindahl, s.Measure, s.Hierarchy)
	var rows [][]string
	for _, id := range sortedActorIDs(st.Members) {
		m := st.Members[id]
		rows = append(rows, []string{string(id), string(m.Status), day(m.Joined), day(m.Left), m.Reason})
	}
	table.Write(w, []string{"MEMBER", "STATUS", "JOINED", "LEFT", "REASON"}, rows)
	fmt.Fprintln(w)
	rows = nil
	for _, c := range st.Commitments.All() {
		rows = append(rows, []string{c.ID, string(c.Member), c.Resource, num(c.Delivered) + "/" + num(c.Amount), day(c.Due), string(c.Status())})
	}
	table.Write(w, []string{"COMMITMENT", "MEMBER", "RESOURCE", "DELIVERED", "DUE", "STATUS"}, rows)
	fmt.Fprintln(w)
	rows = nil
	for _, p := range st.Proposals.All() {
		outcome, reason := "open until "+day(p.Closes), ""
		if p.Decision != nil {
			outcome, reason = string(p.Decision.Outcome), p.Decision.Reason
		}
		rows = append(rows, []string{p.ID, string(p.Matter), string(p.Rule.Kind), outcome, p.Title, reason})
	}
	table.Write(w, []string{"PROPOSAL", "MATTER", "RULE", "OUTCOME", "TITLE", "REASON"}, rows)
	fmt.Fprintln(w)
	rows = nil
	for _, d := range st.Disputes.All() {
		rows = append(rows, []string{d.ID, joinIDs(d.Parties), string(d.Stage), day(d.Deadline), d.Subject})
	}
	return table.Write(w, []string{"DISPUTE", "PARTIES", "STAGE", "DEADLINE", "SUBJECT"}, rows)
}

func sortedActorIDs[V any](m map[entente.ActorID]V) []entente.ActorID {
	out := make([]entente.ActorID, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func joinIDs(ids []entente.ActorID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ",")
}

func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02")
}

// parseWhen reads a date as the API does (entente.DateLayouts: RFC 3339
// or YYYY-MM-DD), or +N days from now ("+30d"), which only the CLI reads
// and sends as RFC 3339.
func parseWhen(flagName, s string, now time.Time) (time.Time, error) {
	if rest, ok := strings.CutPrefix(s, "+"); ok {
		p, err := entente.ParsePeriod(rest)
		if err != nil {
			return time.Time{}, usagef("--%s: %v", flagName, err)
		}
		return now.Add(p.Duration()), nil
	}
	t, err := entente.ParseDate(s)
	if err != nil {
		return time.Time{}, usagef("--%s: expected a date (2026-06-30, RFC 3339, or +30d), got %q", flagName, s)
	}
	return t, nil
}
