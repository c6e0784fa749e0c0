package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	enthttp "github.com/entente/entente/http"
)

var update = flag.Bool("update", false, "rewrite docs/cli-api.md from the verb table, the commands and the OpenAPI document")

// cliAPIPath is the consistency table, relative to this package.
var cliAPIPath = filepath.Join("..", "..", "docs", "cli-api.md")

// commandVerbs names the verb (and subcommand) that sends each command of
// a signed request; nil for a command that no verb sends. A command
// missing here fails the test, so a new command is listed on purpose.
var commandVerbs = map[string][]string{
	"found": {"pact", "found"}, "join": {"join"}, "notice": {"notice"}, "pledge": {"pledge"},
	"contribute": {"contribute"}, "objective": {"objective", "set"}, "progress": {"objective", "progress"},
	"propose": {"propose"}, "vote": {"vote"}, "dispute": {"dispute", "open"}, "escalate": {"dispute", "escalate"},
	"resolve": {"dispute", "resolve"}, "appoint": {"dispute", "appoint"}, "register": {"actor", "register"},
	"update": {"actor", "update"}, "invite": {"invite"}, "enrol": {"key", "enrol"}, "revoke": {"key", "revoke"}, "read": {"key", "token"},
	"witness": {"verify"}, "comment": {"comment"}, "bargain": {"bargain"}, "reserve": {"reserve"},
}

// routeVerbs names the verb that answers the same question as a read
// route, when there is one; a key "METHOD path" names one method's.
var routeVerbs = map[string][]string{
	"/api/actors": {"actor", "list"}, "/api/actors/{actor}": {"actor", "show"}, "/api/pacts": {"pact", "list"},
	"/api/pacts/{pact}": {"pact", "show"}, "/api/pacts/{pact}/health": {"health"}, "/api/pacts/{pact}/power": {"power"},
	"/api/pacts/{pact}/partners": {"partner", "suggest"}, "/api/pacts/{pact}/split": {"split"},
	"/api/logs/{log}/entries": {"log"}, "/api/logs/{log}/head": {"log"}, "/api/logs/{log}/proof/inclusion": {"log"},
	"/api/logs/{log}/proof/consistency": {"log"},
	"GET /api/pacts/{pact}/webhooks":    {"webhook", "list"}, "POST /api/pacts/{pact}/webhooks": {"webhook", "add"},
	"DELETE /api/pacts/{pact}/webhooks/{id}": {"webhook", "remove"},
}

// flagAliases are CLI flags that carry an API field under another name:
// field (as field, parent.field or command.field) → flag.
var flagAliases = map[string]string{
	"pact": "file", "founders": "file", "index": "inclusion", "revoke.key": "revoke",
}

// deliberate are the API's parameters that no CLI flag carries on purpose,
// with why.
var deliberate = map[string]string{
	"limit":  "the CLI prints every item (with --server it follows every page)",
	"cursor": "the CLI prints every item (with --server it follows every page)",
}

// derived are fields the CLI fills in itself, with how.
var derived = map[string]string{
	"token_hash": "made from a new token", "key": "from the --key file", "delegate": "from the --key file",
	"enrol.key":   "from the --new file",
	"witness.log": "each log verified (--witness)", "witness.size": "its head's size", "witness.root": "its head's root",
}

// apiDefaults are the defaults the API's decoding gives command fields a
// request leaves out, as the CLI writes them.
var apiDefaults = map[string]string{
	"propose.matter": string(entente.DefaultMatter), "appoint.role": string(entente.DefaultNeutralRole),
	"invite.expires": fmt.Sprintf("+%dd", entente.DefaultInvitationLifetime/entente.Day),
}

// transportFlags are the flags that say how a request is made, not what it
// says: they have no field.
var transportFlags = []string{"db", "json", "key", "by", "server", "sign-only", "cosign", "out", "format", "csv", "help"}

// TestCLIAPITableIsCurrent generates docs/cli-api.md, the CLI/API
// consistency table, from the verb table, the commands and the OpenAPI
// document, and fails when the file in the tree differs. Regenerate with
//
//	go test ./cmd/entente -run TestCLIAPITableIsCurrent -update
func TestCLIAPITableIsCurrent(t *testing.T) {
	got := cliAPITable(t)
	if *update {
		if err := os.MkdirAll(filepath.Dir(cliAPIPath), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(cliAPIPath, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(cliAPIPath)
	if err != nil {
		t.Fatalf("%v (regenerate with go test ./cmd/entente -run TestCLIAPITableIsCurrent -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s is stale: regenerate with go test ./cmd/entente -run TestCLIAPITableIsCurrent -update", cliAPIPath)
	}
}

// TestCLIAPITableCoversEverything checks the hand-kept maps against what
// they describe: every command has a verb entry and every routed verb
// exists.
func TestCLIAPITableCoversEverything(t *testing.T) {
	for _, name := range entente.CommandNames() {
		if _, ok := commandVerbs[name]; !ok {
			t.Errorf("command %q: add it to commandVerbs (nil if no verb sends it)", name)
		}
	}
	for path, words := range routeVerbs {
		if _, ok := program.Lookup(words[0]); !ok {
			t.Errorf("route %s: no verb %q", path, words[0])
		}
	}
}

// flagInfo is one flag of a verb as the table shows it.
type flagInfo struct{ name, def, usage string }

// verbFlagsOf runs "entente WORDS --help" in process and returns the flags
// and the usage arguments of the verb.
func verbFlagsOf(tb testing.TB, words []string) ([]flagInfo, string) {
	tb.Helper()
	var out bytes.Buffer
	env := &cli{Stdout: &out, Stderr: &out, Stdin: strings.NewReader("")}
	if code := program.Main(context.Background(), env, append(slices.Clone(words), "--help")); code != 0 {
		tb.Fatalf("entente %s --help: exit %d\n%s", strings.Join(words, " "), code, out.String())
	}
	if len(env.FlagSets) == 0 { // help
		return nil, "[VERB [SUBCOMMAND]]"
	}
	vf := env.FlagSets[len(env.FlagSets)-1]
	var flags []flagInfo
	vf.VisitAll(func(f *flag.Flag) {
		_, usage := flag.UnquoteUsage(f)
		flags = append(flags, flagInfo{f.Name, f.DefValue, usage})
	})
	return flags, vf.Args
}

// field is one JSON field of a command.
type field struct {
	name, typ string
	required  bool
}

// commandFields lists a command's JSON fields, one level of nested
// structs flattened (actor.id), from a value DecodeCommand returns.
func commandFields(tb testing.TB, name string) []field {
	tb.Helper()
	args := map[string]any{}
	var v any
	for range 20 { // fill in the fields DecodeCommand requires, one at a time
		b := must(json.Marshal(args))
		var err error
		if v, err = entente.DecodeCommand(name, b); err == nil {
			break
		}
		f := entente.ErrorField(err)
		if f == "" || args[f] != nil {
			tb.Fatalf("DecodeCommand(%q, %s): %v", name, b, err)
		}
		args[f] = nil
	}
	var out []field
	var walk func(t reflect.Type, prefix string, depth int)
	walk = func(t reflect.Type, prefix string, depth int) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || tag == "-" {
				continue
			}
			if tag == "" {
				tag = f.Name
			}
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			req := !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") && f.Type.Kind() != reflect.Pointer
			if f.Type.Kind() == reflect.Struct && ft != reflect.TypeOf(time.Time{}) && depth == 0 && flagAliases[tag] == "" {
				walk(ft, prefix+tag+".", depth+1)
				continue
			}
			out = append(out, field{prefix + tag, typeName(ft), req && depth == 0 || req && prefix != ""})
		}
	}
	walk(reflect.TypeOf(v), "", 0)
	return out
}

// typeName says what a field holds, as the API reads it.
func typeName(t reflect.Type) string {
	switch {
	case t == reflect.TypeOf(time.Time{}):
		return "date (2027-01-01 or RFC 3339)"
	case t.Kind() == reflect.Slice:
		return "list of " + typeName(t.Elem())
	case t.Kind() == reflect.Map:
		return "map of " + typeName(t.Elem())
	case t.Kind() == reflect.Struct:
		return "object"
	case t.Kind() == reflect.Float64:
		return "number"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		return "integer"
	}
	return t.Kind().String()
}

// cliAPITable renders docs/cli-api.md.
func cliAPITable(tb testing.TB) string {
	var b, issues, chosen strings.Builder
	disagree := func(format string, args ...any) { fmt.Fprintf(&issues, "- "+format+"\n", args...) }
	b.WriteString(`# The CLI and the API side by side

Generated from the verb table (cmd/entente/main.go), the commands a signed
request carries (entente.CommandNames) and the OpenAPI document
(http/openapi.go) by

    go test ./cmd/entente -run TestCLIAPITableIsCurrent -update

which fails when this file is stale. Do not edit it by hand.

## Conventions

| | CLI | API |
|---|---|---|
| dates | ` + "`2027-01-01` or RFC 3339 (`2027-01-01T12:00:00Z`), as the API; also `+30d` (30 days from now), which the CLI turns into RFC 3339 before it signs" + ` | ` + "`2027-01-01` (midnight UTC) or RFC 3339, in command fields (entente.DateLayouts)" + ` |
| defaults | the flags default to the values the API's decoding fills in (entente.DefaultMatter, DefaultNeutralRole, DefaultInvitationLifetime) | a field left out takes the same default |
| periods | ` + "`30d`, `36h`" + ` | the same, in ` + "`?period=`" + ` |
| output | a table; ` + "`--out FILE`" + ` in the format of its extension or ` + "`--format`" + `; ` + "`--json`" + ` | JSON |
| missing figures | ` + "`-`" + ` in tables, an empty CSV cell, ` + "`null`" + ` in JSON | ` + "`null`" + ` |
| errors | an exit code per error code (see ` + "`entente help`" + `) | an HTTP status per error code, ` + "`{\"error\":{\"code\",\"field\",\"message\"}}`" + ` |
| writes | a verb signs a request with ` + "`--key`" + ` and writes it to the store, or sends it with ` + "`--server`" + ` | ` + "`POST /api/requests`" + ` with the signed request |

`)
	var body strings.Builder
	body.WriteString("## Writes: the commands of POST /api/requests\n\n")
	body.WriteString("Each command's fields (JSON names) beside the flags of the verb that sends it. A field is required by the API unless it is marked optional.\n\n")
	for _, name := range entente.CommandNames() {
		words := commandVerbs[name]
		fields := commandFields(tb, name)
		fmt.Fprintf(&body, "### %s\n\n", name)
		if words == nil {
			fmt.Fprintf(&body, "No verb sends this command.\n\n")
			disagree("command `%s`: no CLI verb sends it (API only)", name)
			continue
		}
		flags, args := verbFlagsOf(tb, words)
		args = strings.Join(strings.Fields(args), " ")
		verbName := strings.Join(words, " ")
		fmt.Fprintf(&body, "`entente %s %s`\n\n| field | type | API | CLI | CLI default | agrees |\n|---|---|---|---|---|---|\n", verbName, args)
		used := map[string]bool{}
		for _, f := range fields {
			api := "required"
			if !f.required {
				api = "optional"
			}
			if d, ok := apiDefaults[name+"."+f.name]; ok {
				api = "optional, default `" + d + "`"
			}
			last := f.name[strings.LastIndex(f.name, ".")+1:]
			cli, def, note := "", "", "yes"
			fl := findFlag(flags, last, f.name, name)
			switch {
			case fl != nil:
				cli, def, used[fl.name] = "--"+fl.name, fl.def, true
				if fl.name != last && fl.name != "key" && fl.name != "file" && flagAliases[name+"."+f.name] == "" {
					note = fmt.Sprintf("name: `--%s` for `%s`", fl.name, f.name)
					disagree("`entente %s --%s` sets `%s` of `%s`", verbName, fl.name, f.name, name)
				}
				if f.required && fl.def != "" && fl.def != "0" && fl.def != "false" && fl.def != "[]" {
					note = fmt.Sprintf("default: the CLI defaults to `%s`, the API requires it", fl.def)
					disagree("`%s.%s`: `entente %s` defaults `--%s` to `%s`; the API requires the field", name, f.name, verbName, fl.name, fl.def)
				}
				if d, ok := apiDefaults[name+"."+f.name]; ok && fl.def != d {
					note = fmt.Sprintf("default: the CLI defaults to `%s`, the API to `%s`", fl.def, d)
					disagree("`%s.%s`: `entente %s --%s` defaults to `%s`, the API to `%s`", name, f.name, verbName, fl.name, fl.def, d)
				}
			case strings.Contains(args, strings.ToUpper(last)):
				cli = strings.ToUpper(last) + " (argument)"
			case derived[name+"."+f.name] != "":
				cli = derived[name+"."+f.name]
			case derived[f.name] != "":
				cli = derived[f.name]
			default:
				note = "API only"
				disagree("`%s.%s`: no flag of `entente %s`", name, f.name, verbName)
			}
			fmt.Fprintf(&body, "| %s | %s | %s | %s | %s | %s |\n", f.name, f.typ, api, cli, code(def), note)
		}
		for _, fl := range flags {
			if !used[fl.name] && !slices.Contains(transportFlags, fl.name) && !isAlias(fl.usage) {
				fmt.Fprintf(&body, "| | | | --%s | %s | CLI only: %s |\n", fl.name, code(fl.def), fl.usage)
			}
		}
		body.WriteString("\n")
	}

	body.WriteString("## Reads: the routes and their parameters\n\n| route | parameters | verb | verb flags for the parameters |\n|---|---|---|---|\n")
	doc := enthttp.OpenAPI()
	paths := doc["paths"].(map[string]map[string]any)
	for _, path := range sortedKeys(paths) {
		for _, method := range sortedKeys(paths[path]) {
			op := paths[path][method].(map[string]any)
			var params []string
			for _, p := range asSlice(op["parameters"]) {
				pm := p.(map[string]any)
				params = append(params, fmt.Sprintf("%s (%s)", pm["name"], pm["in"]))
			}
			words := routeVerbs[strings.ToUpper(method)+" "+path]
			if words == nil {
				words = routeVerbs[path]
			}
			verbCell, flagCell := "", ""
			if words != nil {
				verbCell = "`entente " + strings.Join(words, " ") + "`"
				flags, _ := verbFlagsOf(tb, words)
				var cells []string
				for _, p := range asSlice(op["parameters"]) {
					pm := p.(map[string]any)
					if pm["in"] != "query" {
						continue
					}
					name := pm["name"].(string)
					api := fmt.Sprint(pm["schema"].(map[string]any)["default"])
					if fl := findFlag(flags, name, name, ""); fl != nil {
						cells = append(cells, fmt.Sprintf("--%s %s", fl.name, code(fl.def)))
						if fl.def != "" && fl.def != "0" && !strings.HasPrefix(fl.def, "-") && fl.def != api {
							disagree("`%s %s?%s`: the CLI default (`%s`) is not the OpenAPI document's (`%s`)", strings.ToUpper(method), path, name, fl.def, api)
						}
					} else if why := deliberate[name]; why != "" {
						cells = append(cells, name+": no flag on purpose")
						fmt.Fprintf(&chosen, "- `%s %s?%s`: no flag of `entente %s`: %s\n", strings.ToUpper(method), path, name, strings.Join(words, " "), why)
					} else {
						cells = append(cells, name+": no flag")
						disagree("`%s %s?%s`: no flag of `entente %s`", strings.ToUpper(method), path, name, strings.Join(words, " "))
					}
				}
				flagCell = strings.Join(cells, "; ")
			}
			fmt.Fprintf(&body, "| `%s %s` | %s | %s | %s |\n", strings.ToUpper(method), path, strings.Join(params, ", "), verbCell, flagCell)
		}
	}

	body.WriteString("\n## Every verb's flags\n\n")
	for _, v := range verbs() {
		cases := [][]string{{v.Name}}
		if v.HasOverview() {
			cases = nil
		}
		if v.Subs != nil {
			for _, s := range v.Subs {
				cases = append(cases, []string{v.Name, s.Name})
			}
		}
		for _, words := range cases {
			flags, args := verbFlagsOf(tb, words)
			fmt.Fprintf(&body, "### %s\n\n", strings.Join(strings.Fields("entente "+strings.Join(words, " ")+" "+args), " "))
			if len(flags) == 0 {
				body.WriteString("No flags.\n\n")
				continue
			}
			body.WriteString("| flag | default | meaning |\n|---|---|---|\n")
			for _, f := range flags {
				fmt.Fprintf(&body, "| --%s | %s | %s |\n", f.name, code(f.def), strings.ReplaceAll(f.usage, "|", "\\|"))
			}
			body.WriteString("\n")
		}
	}
	b.WriteString("## Where they disagree\n\n")
	b.WriteString(cmp.Or(issues.String(), "Nowhere.\n"))
	b.WriteString("\n## Where they differ on purpose\n\n")
	b.WriteString(chosen.String())
	b.WriteString("\n")
	b.WriteString(body.String())
	return b.String()
}

// findFlag finds the flag that carries a field of a command: by an alias
// of command.field, by its name, or by an alias of its full or last name.
func findFlag(flags []flagInfo, last, full, command string) *flagInfo {
	names := []string{flagAliases[command+"."+full], last, flagAliases[full], flagAliases[last], strings.ReplaceAll(last, "_", "-")}
	for _, n := range names {
		if n == "" || slices.Contains(transportFlags, n) {
			continue
		}
		for i := range flags {
			if flags[i].name == n {
				return &flags[i]
			}
		}
	}
	return nil
}

// isAlias reports whether a flag's help says it is another name of a flag.
func isAlias(usage string) bool {
	return strings.HasPrefix(usage, "deprecated") || strings.HasPrefix(usage, "short for") || strings.HasPrefix(usage, "the same as")
}

// code quotes a default for the table, empty for none.
func code(s string) string {
	if s == "" {
		return ""
	}
	return "`" + strings.ReplaceAll(s, "|", "\\|") + "`"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
