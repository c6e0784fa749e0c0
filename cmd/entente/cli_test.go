package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	_ "modernc.org/sqlite" // the "sqlite" driver, to edit stored entries by hand

	"github.com/entente/entente/tlog"
)

// findEntry returns the index of the first entry of log whose data holds
// every one of parts.
func findEntry(tb testing.TB, l storeLog, parts ...string) int64 {
	tb.Helper()
next:
	for _, e := range l.entries {
		for _, p := range parts {
			if !bytes.Contains(e.Data, []byte(p)) {
				continue next
			}
		}
		return e.Index
	}
	tb.Fatalf("no entry holds all of %q", parts)
	return -1
}

// editEntry replaces old by new in one stored entry of the SQLite file at
// path, through database/sql; with rehash the leaf hash is rewritten to
// match.
func editEntry(tb testing.TB, path, log string, index int64, old, new string, rehash bool) {
	tb.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var data []byte
	if err := db.QueryRow(`SELECT data FROM entries WHERE log = ? AND idx = ?`, log, index).Scan(&data); err != nil {
		tb.Fatalf("reading %s entry %d: %v", log, index, err)
	}
	if bytes.Count(data, []byte(old)) != 1 {
		tb.Fatalf("expected %q once in %s", old, data)
	}
	data = bytes.Replace(data, []byte(old), []byte(new), 1)
	leaf := tlog.LeafHash(data)
	query, args := `UPDATE entries SET data = ? WHERE log = ? AND idx = ?`, []any{data, log, index}
	if rehash {
		query, args = `UPDATE entries SET data = ?, leaf_hash = ? WHERE log = ? AND idx = ?`, []any{data, leaf[:], log, index}
	}
	if res, err := db.Exec(query, args...); err != nil {
		tb.Fatalf("editing %s entry %d: %v", log, index, err)
	} else if n, _ := res.RowsAffected(); n != 1 {
		tb.Fatalf("editing %s entry %d changed %d rows", log, index, n)
	}
}

// verifyRows splits the table 'entente verify' prints into its rows, by log.
func verifyRows(tb testing.TB, stdout string) map[string]string {
	tb.Helper()
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "LOG") {
		tb.Fatalf("verify printed no table:\n%s", stdout)
	}
	rows := map[string]string{}
	for _, l := range lines[1:] {
		rows[strings.Fields(l)[0]] = l
	}
	return rows
}

func TestVerifyNamesTheTamperedLogAndEntry(t *testing.T) {
	for _, tc := range []struct {
		name     string
		log      string
		find     []string
		old, new string
		rehash   bool
		problem  string
	}{
		{"amount", jv, []string{`"contribution_made"`, `"commitment":"c1"`}, `"amount":2000`, `"amount":2001`, false, "leaf hash"},
		{"vote", "clean-air-zone", []string{`"vote_cast"`, `"member":"parents"`}, `"choice":"yes"`, `"choice":"no"`, false, "leaf hash"},
		{"rehashed dissolution", "clean-air-zone", []string{`"pact_dissolved"`}, `"reason":"`, `"reason":"never `, true, "root does not match"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := seedDemo(t, t.TempDir())
			exits(t, 0, "verify", "--db", db)
			l := readStore(t, db)[tc.log]
			index := findEntry(t, l, tc.find...)
			want := index
			if tc.rehash { // named at the first entry of the append that wrote it
				for _, h := range l.heads {
					if int64(h.Size) > index {
						break
					}
					want = int64(h.Size)
				}
				if want == index {
					t.Fatalf("entry %d starts its append; pick one inside a batch", index)
				}
			}
			editEntry(t, db, tc.log, index, tc.old, tc.new, tc.rehash)

			r := exits(t, 3, "verify", "--db", db)
			rows := verifyRows(t, r.stdout)
			if len(rows) != 4 {
				t.Errorf("verify reported %d logs, want 4:\n%s", len(rows), r.stdout)
			}
			for log, row := range rows {
				switch {
				case log != tc.log && !strings.HasSuffix(row, " ok"):
					t.Errorf("untouched log reported: %s", row)
				case log == tc.log && !strings.Contains(row, fmt.Sprintf(" entry %d: ", want)):
					t.Errorf("row %q does not name entry %d", row, want)
				case log == tc.log && !strings.Contains(row, tc.problem):
					t.Errorf("row %q does not say %q", row, tc.problem)
				}
			}
			if !strings.Contains(r.stderr, "1 of 4 logs do not match") {
				t.Errorf("stderr %q, want a count of bad logs", r.stderr)
			}
		})
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	src := seedDemo(t, dir)
	file := filepath.Join(dir, "export.jsonl")
	r := exits(t, 0, "export", "--db", src, "--out", file)
	dump, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Count(dump, []byte(`"event":`))
	if want := fmt.Sprintf("exported %d entries", lines); !strings.Contains(r.stderr, want) {
		t.Errorf("export said %q, want %q", r.stderr, want)
	}
	if r := exits(t, 0, "export", "--db", src); entryLines(r.stdout) != entryLines(string(dump)) {
		t.Errorf("export to standard output differs from export --out")
	}

	dst := filepath.Join(dir, "new", "imported.db")
	r = exits(t, 0, "import", file, "--db", dst)
	if want := fmt.Sprintf("imported %d entries in 4 logs into %s, exported under key", lines, dst); !strings.Contains(r.stdout, want) {
		t.Errorf("import said %q, want %q", r.stdout, want)
	}
	exits(t, 0, "verify", "--db", dst)
	before, after := readStore(t, src), readStore(t, dst)
	if len(after) != len(before) {
		t.Errorf("imported %d logs, exported %d", len(after), len(before))
	}
	for log, l := range before {
		if diff := cmp.Diff(l.entries, after[log].entries); diff != "" {
			t.Errorf("log %s: entries differ (-exported +imported):\n%s", log, diff)
		}
		last, got := l.heads[len(l.heads)-1], after[log].heads
		if len(got) != 1 || got[0].Size != last.Size || got[0].Root != last.Root {
			t.Errorf("log %s: imported heads %+v, want one of size %d and root %s", log, got, last.Size, last.Root)
		}
	}
	if r := exits(t, 0, "export", "--db", dst); entryLines(r.stdout) != entryLines(string(dump)) {
		t.Errorf("the entries of the imported store's export differ from the original's")
	}

	// From standard input too.
	viaStdin := filepath.Join(dir, "stdin.db")
	if r := run(t, bytes.NewReader(dump), "import", "-", "--db", viaStdin); r.code != 0 {
		t.Errorf("import from standard input: %s", r)
	}

	t.Run("into an existing store", func(t *testing.T) {
		for _, db := range []string{src, dst} {
			r := exits(t, 1, "import", file, "--db", db)
			if !strings.Contains(r.stderr, db+" exists") {
				t.Errorf("import into %s: stderr %q, want it to say the store exists", db, r.stderr)
			}
		}
		if diff := cmp.Diff(before, readStore(t, src), cmp.AllowUnexported(storeLog{})); diff != "" {
			t.Errorf("refused import changed the store (-before +after):\n%s", diff)
		}
	})
	t.Run("doctored", func(t *testing.T) {
		bad := bytes.Replace(dump, []byte(`"outcome":"adopted"`), []byte(`"outcome":"rejected"`), 1)
		if bytes.Equal(bad, dump) {
			t.Fatal("no adopted decision in the demo export")
		}
		badFile := filepath.Join(dir, "doctored.jsonl")
		if err := os.WriteFile(badFile, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		db := filepath.Join(dir, "doctored.db")
		r := exits(t, 3, "import", badFile, "--db", db)
		if !strings.Contains(r.stderr, "manifest") {
			t.Errorf("stderr %q, want it to say the export does not match its signed manifest", r.stderr)
		}
		for _, p := range []string{db, keyPath(db), db + ".importing", keyPath(db + ".importing")} {
			if _, err := os.Stat(p); !os.IsNotExist(err) {
				t.Errorf("failed import left %s behind (%v)", p, err)
			}
		}
	})
}

func TestHelpOnEveryVerb(t *testing.T) {
	var cases [][]string
	for _, v := range verbs() {
		cases = append(cases, []string{v.Name})
		for _, s := range v.Subs {
			cases = append(cases, []string{v.Name, s.Name})
		}
	}
	for _, words := range cases {
		name := strings.Join(words, " ")
		t.Run(name, func(t *testing.T) {
			r := exits(t, 0, append(words, "--help")...)
			if want := "Usage: entente " + name; !strings.Contains(r.stdout+r.stderr, want) {
				t.Errorf("output does not hold %q:\n%s", want, r)
			}
		})
	}
	for _, args := range [][]string{{}, {"help"}, {"--help"}, {"-h"}} {
		r := exits(t, 0, args...)
		if !strings.Contains(r.stdout, "Usage: entente VERB") {
			t.Errorf("entente %v: %s", args, r)
		}
		for _, v := range verbs() {
			if !strings.Contains(r.stdout, "  "+v.Name+" ") {
				t.Errorf("entente %v does not list %s", args, v.Name)
			}
		}
	}
}

// The verbs that take a subcommand (actor, pact, objective, dispute) refuse
// --help on their own: they check the subcommand before any flag is parsed,
// so 'entente actor --help' prints "actor: expected add, list or show" and
// exits 2 instead of printing its usage and exiting 0.
func TestHelpOnVerbWithSubcommands(t *testing.T) {
	for _, verb := range []string{"actor", "pact", "objective", "dispute"} {
		t.Run(verb, func(t *testing.T) {
			r := run(t, nil, verb, "--help")
			if r.code != 0 || !strings.Contains(r.stdout+r.stderr, "Usage: entente "+verb) {
				t.Errorf("entente %s --help: want exit 0 and its usage, got %s", verb, r)
			}
		})
	}
}

func TestUnknownVerbExits2(t *testing.T) {
	for _, verb := range []string{"frobnicate", "--db", "Serve"} {
		r := exits(t, 2, verb)
		if !strings.Contains(r.stderr, fmt.Sprintf("unknown verb %q", verb)) || !strings.Contains(r.stderr, "Usage: entente VERB") {
			t.Errorf("entente %s: stderr %q", verb, r.stderr)
		}
	}
}

func TestBadArgumentsNameTheFlag(t *testing.T) {
	dir := t.TempDir()
	db := seedDemo(t, dir)
	before := readStore(t, db)
	pledge := func(extra ...string) []string {
		return append([]string{"pledge", jv, "--key", demoKey(db, "helios"), "--resource", "r"}, extra...)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{pledge("--amount", "-1", "--due", "+1d"), 3, "amount"},
		{pledge("--amount", "0", "--due", "+1d"), 3, "amount"},
		{pledge("--amount", "lots", "--due", "+1d"), 2, "amount"},
		{pledge("--amount", "5", "--due", "notadate"), 2, "due"},
		{pledge("--amount", "5", "--due", "+1x"), 2, "due"},
		{pledge("--amount", "5", "--due", "2001-01-01"), 3, "due"},
		{pledge("--amount", "5", "--due", "+1d", "--bogus", "1"), 2, "bogus"},
		{[]string{"pledge", jv, "--amount", "5", "--resource", "r", "--due", "+1d"}, 2, "--key"},
		{[]string{"pledge", jv, "--by", "helios", "--amount", "5", "--resource", "r", "--due", "+1d"}, 1, "signed request"},
		{[]string{"pledge", jv, "--key", demoKey(db, "helios"), "--by", "quanta", "--amount", "5", "--resource", "r", "--due", "+1d"}, 2, "--by quanta: the key in"},
		{[]string{"pledge", jv, "--key", demoKey(db, "helios"), "--class", "secret", "--amount", "5", "--resource", "r", "--due", "+1d"}, 2, "--class: request.class: expected public"},
		{[]string{"pledge", "--key", demoKey(db, "helios"), "--amount", "5", "--resource", "r", "--due", "+1d"}, 2, "PACT"},
		{[]string{"pledge", jv, "--key", demoKey(db, "cyclists"), "--amount", "5", "--resource", "r", "--due", "+1d"}, 6, "not a member"},
		{[]string{"pledge", "no-such-pact", "--key", demoKey(db, "helios"), "--amount", "5", "--resource", "r", "--due", "+1d"}, 4, "no pact"},
		{[]string{"pledge", jv, "--key", filepath.Join(dir, "nokey"), "--amount", "5", "--resource", "r", "--due", "+1d"}, 1, "delegate key"},
		{[]string{"contribute", jv, "--key", demoKey(db, "helios"), "--commitment", "c99", "--amount", "1"}, 4, "commitment"},
		{[]string{"vote", jv, "--key", demoKey(db, "helios"), "--choice", "yes"}, 2, "PROPOSAL"},
		{[]string{"serve", "--tick", "0"}, 2, "tick"},
		{[]string{"log"}, 2, "LOG"},
		{[]string{"import"}, 2, "FILE"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := exits(t, tc.code, append(tc.args, "--db", db)...)
			if !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr %q does not name %q", r.stderr, tc.want)
			}
		})
	}
	t.Run("verify without a store", func(t *testing.T) {
		r := exits(t, 1, "verify", "--db", filepath.Join(dir, "missing.db"))
		if !strings.Contains(r.stderr, "no store") {
			t.Errorf("stderr %q", r.stderr)
		}
	})
	if diff := cmp.Diff(before, readStore(t, db), cmp.AllowUnexported(storeLog{})); diff != "" {
		t.Errorf("failed commands changed the store (-before +after):\n%s", diff)
	}
}

// TestActionsAppendThroughTheCLI runs a few verbs that write, then checks
// the log with 'entente log' and 'entente verify'.
func TestActionsAppendThroughTheCLI(t *testing.T) {
	db := seedDemo(t, t.TempDir())
	before := readStore(t, db)[jv]
	r := exits(t, 0, "pledge", jv, "--key", demoKey(db, "helios"), "--amount", "7", "--resource", "eur_k", "--due", "+30d", "--db", db)
	if !strings.Contains(r.stdout, "commitment_made") || !strings.Contains(r.stdout, "helios pledged 7 eur_k by") {
		t.Errorf("pledge printed %q", r.stdout)
	}
	exits(t, 0, "contribute", jv, "--key", demoKey(db, "helios"), "--commitment", "c7", "--amount", "7", "--db", db)
	after := readStore(t, db)[jv]
	if got, want := len(after.entries), len(before.entries)+2; got != want {
		t.Fatalf("log holds %d entries after two verbs, want %d", got, want)
	}
	r = exits(t, 0, "log", jv, "--head", "--json", "--db", db)
	var head tlog.TreeHead
	if err := json.Unmarshal([]byte(r.stdout), &head); err != nil {
		t.Fatalf("log --head --json: %v\n%s", err, r.stdout)
	}
	leaves := make([]tlog.Hash, len(after.entries))
	for i, e := range after.entries {
		leaves[i] = e.LeafHash
	}
	if head.Size != uint64(len(leaves)) || head.Root != tlog.Root(leaves) {
		t.Errorf("log --head: size %d root %s, want %d and %s", head.Size, head.Root, len(leaves), tlog.Root(leaves))
	}
	exits(t, 0, "verify", "--db", db)
}

// entryLines keeps an export's entry lines (not the key, heads and
// manifest, which differ between servers and runs).
func entryLines(dump string) string {
	var out []string
	for _, l := range strings.SplitAfter(dump, "\n") {
		if strings.Contains(l, `"event":`) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "")
}

// When an import fails, runImport removes the new store, and the key file
// only if it created it: a key that was already beside the path, such as
// the server's own key kept to re-import a backup under the same identity,
// must survive.
func TestFailedImportKeepsKeyThatExistedBefore(t *testing.T) {
	dir := t.TempDir()
	src := seedDemo(t, dir)
	db := filepath.Join(dir, "restored.db")
	key, err := os.ReadFile(keyPath(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyPath(db), key, 0o600); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("not an export\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	exits(t, 3, "import", bad, "--db", db)
	if got, err := os.ReadFile(keyPath(db)); err != nil || !bytes.Equal(got, key) {
		t.Errorf("the key that was at %s before the failed import is gone or changed: %v", keyPath(db), err)
	}
}

// TestReadVerbsTalkToAServer: pact and actor list and show read from a
// running server as they read the store.
func TestReadVerbsTalkToAServer(t *testing.T) {
	db := filepath.Join(t.TempDir(), "e.db")
	srv := startServer(t, db, "--demo")
	defer srv.stop()
	local := exits(t, 0, "pact", "list", "--db", db)
	remote := exits(t, 0, "pact", "list", "--server", srv.url(""))
	if local.stdout != remote.stdout {
		t.Errorf("pact list from the store:\n%s\nfrom the server:\n%s", local.stdout, remote.stdout)
	}
	r := exits(t, 0, "pact", "show", jv, "--server", srv.url(""), "--key", demoKey(db, "helios"))
	if !strings.Contains(r.stdout, "Solid-State Cell Joint Venture") {
		t.Errorf("pact show over the server: %s", r.stdout)
	}
	exits(t, 4, "pact", "show", "nope", "--server", srv.url(""))
	exits(t, 4, "actor", "show", "nope", "--server", srv.url(""))
	localLog := exits(t, 0, "log", jv, "--db", db)
	remoteLog := exits(t, 0, "log", jv, "--server", srv.url(""))
	if localLog.stdout != remoteLog.stdout {
		t.Errorf("log from the store:\n%s\nfrom the server:\n%s", localLog.stdout, remoteLog.stdout)
	}
	exits(t, 4, "log", "nope", "--server", srv.url(""))
	exits(t, 2, "log", jv, "--server", srv.url(""), "--inclusion", "0")
	// One source for both: the same JSON, heads and refusals.
	for _, args := range [][]string{{"pact", "list", "--json"}, {"actor", "list"}, {"actor", "list", "--json"}, {"actor", "show", "helios", "--json"}, {"log", jv, "--json"}, {"log", jv, "--head"}, {"log", jv, "--from", "2", "--limit", "2"}} {
		local := exits(t, 0, append(args, "--db", db)...)
		remote := exits(t, 0, append(args, "--server", srv.url(""))...)
		if local.stdout != remote.stdout {
			t.Errorf("%v from the store:\n%s\nfrom the server:\n%s", args, local.stdout, remote.stdout)
		}
	}
	local = exits(t, 2, "log", jv, "--from", "999", "--db", db)
	remote = exits(t, 2, "log", jv, "--from", "999", "--server", srv.url(""))
	if local.stderr != remote.stderr || !strings.Contains(local.stderr, "--from: expected 0 to") {
		t.Errorf("log --from 999 from the store: %q; from the server: %q", local.stderr, remote.stderr)
	}
}

// TestServerSeesWritesOfAnotherProcess: README's own steps write through
// the CLI on the store the server serves; the server's next read shows
// them at once (it used to serve the old state until its next write).
func TestServerSeesWritesOfAnotherProcess(t *testing.T) {
	db := filepath.Join(t.TempDir(), "e.db")
	srv := startServer(t, db, "--demo")
	defer srv.stop()
	before := exits(t, 0, "log", jv, "--server", srv.url(""), "--head")
	exits(t, 0, "pledge", jv, "--key", demoKey(db, "quanta"), "--resource", "engineer_months", "--amount", "6", "--due", "+30d", "--db", db)
	after := exits(t, 0, "log", jv, "--server", srv.url(""), "--head")
	if before.stdout == after.stdout {
		t.Errorf("the server's head did not move after a write by another process:\n%s", after.stdout)
	}
	r := exits(t, 0, "pact", "show", jv, "--server", srv.url(""))
	if !strings.Contains(r.stdout, "engineer_months") || strings.Count(r.stdout, "engineer_months") < 2 {
		t.Errorf("the server's pact does not show the CLI's pledge:\n%s", r.stdout)
	}
}

// TestKeysEnrolAndRevoke enrols a second key for an actor, acts with it,
// revokes it, and checks that it can act no more.
func TestKeysEnrolAndRevoke(t *testing.T) {
	dir := t.TempDir()
	db := seedDemo(t, dir)
	second := filepath.Join(dir, "second.key")
	pub := strings.TrimSpace(exits(t, 0, "key", "new", "--actor", "helios", "--name", "Second", "--out", second).stdout)
	exits(t, 2, "key", "enrol", "--key", demoKey(db, "helios"), "--db", db) // no --new
	r := exits(t, 0, "key", "enrol", "--key", demoKey(db, "helios"), "--new", second, "--db", db)
	if !strings.Contains(r.stdout, "key_enrolled") {
		t.Errorf("key enrol printed %q", r.stdout)
	}
	exits(t, 0, "pledge", jv, "--key", second, "--amount", "1", "--resource", "eur_k", "--due", "+30d", "--db", db)
	r = exits(t, 0, "key", "revoke", "--key", demoKey(db, "helios"), "--revoke", pub, "--reason", "left the firm", "--db", db)
	if !strings.Contains(r.stdout, "key_revoked") {
		t.Errorf("key revoke printed %q", r.stdout)
	}
	if r := run(t, nil, "pledge", jv, "--key", second, "--amount", "1", "--resource", "eur_k", "--due", "+30d", "--db", db); r.code == 0 {
		t.Errorf("a revoked key still acts: %s", r)
	}
	exits(t, 0, "verify", "--db", db)
}

// TestLogBoundsAndProofSizes checks --to and --limit against the entries
// they bound, and --size and --to against proofs for smaller trees.
func TestLogBoundsAndProofSizes(t *testing.T) {
	db := seedDemo(t, t.TempDir())
	entries := readStore(t, db)[jv].entries
	var got []map[string]any
	if err := json.Unmarshal([]byte(exits(t, 0, "log", jv, "--from", "2", "--to", "5", "--json", "--db", db).stdout), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0]["index"] != 2.0 || got[2]["index"] != 4.0 {
		t.Errorf("--from 2 --to 5 gave %v", got)
	}
	if err := json.Unmarshal([]byte(exits(t, 0, "log", jv, "--from", "2", "--to", "9", "--limit", "2", "--json", "--db", db).stdout), &got); err != nil || len(got) != 2 {
		t.Errorf("--limit 2 under --to 9 gave %d entries (%v)", len(got), err)
	}
	leaves := make([]tlog.Hash, len(entries))
	for i, e := range entries {
		leaves[i] = e.LeafHash
	}
	var proof []tlog.Hash
	if err := json.Unmarshal([]byte(exits(t, 0, "log", jv, "--inclusion", "3", "--size", "6", "--json", "--db", db).stdout), &proof); err != nil {
		t.Fatal(err)
	}
	if err := tlog.VerifyInclusion(leaves[3], 3, 6, proof, tlog.Root(leaves[:6])); err != nil {
		t.Errorf("inclusion proof in the tree of 6: %v", err)
	}
	if err := json.Unmarshal([]byte(exits(t, 0, "log", jv, "--consistency", "4", "--to", "7", "--json", "--db", db).stdout), &proof); err != nil {
		t.Fatal(err)
	}
	if err := tlog.VerifyConsistency(4, 7, proof, tlog.Root(leaves[:4]), tlog.Root(leaves[:7])); err != nil {
		t.Errorf("consistency proof from 4 to 7: %v", err)
	}
	exits(t, 2, "log", jv, "--to", "-1", "--db", db)
}

// TestProposeAmendment proposes the pact's own agreement with a changed
// purpose from a file, as --amendment reads it.
func TestProposeAmendment(t *testing.T) {
	dir := t.TempDir()
	db := seedDemo(t, dir)
	var shown struct {
		State struct {
			Pact struct {
				Agreement map[string]any `json:"agreement"`
			} `json:"pact"`
		} `json:"state"`
	}
	if err := json.Unmarshal([]byte(exits(t, 0, "pact", "show", jv, "--json", "--db", db).stdout), &shown); err != nil {
		t.Fatal(err)
	}
	agreement := shown.State.Pact.Agreement
	if agreement == nil {
		t.Fatal("pact show --json has no agreement")
	}
	file := filepath.Join(dir, "agreement.json")
	if err := os.WriteFile(file, must(json.Marshal(agreement)), 0o600); err != nil {
		t.Fatal(err)
	}
	r := exits(t, 0, "propose", jv, "--key", demoKey(db, "helios"), "--matter", "amendment", "--title", "Restate", "--amendment", file, "--db", db)
	if !strings.Contains(r.stdout, "proposal_opened") {
		t.Errorf("propose --amendment printed %q", r.stdout)
	}
	if err := os.WriteFile(file, []byte(`{"no_such_clause": 1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := run(t, nil, "propose", jv, "--key", demoKey(db, "helios"), "--matter", "amendment", "--title", "Bad", "--amendment", file, "--db", db); r.code == 0 || !strings.Contains(r.stderr, "agreement.json: expected an agreement") {
		t.Errorf("a malformed amendment: %s", r)
	}
}

// TestKeyTokenLifetime: 'key token' prints a read token for a lifetime up
// to entente.MaxReadLifetime and refuses a longer or non-positive one as
// bad usage naming --for (client.ReadToken's one check).
func TestKeyTokenLifetime(t *testing.T) {
	key := filepath.Join(t.TempDir(), "a.key")
	exits(t, 0, "key", "new", "--actor", "alpha", "--out", key)
	if r := exits(t, 0, "key", "token", "--key", key, "--for", "15m"); !strings.HasPrefix(r.stdout, "Entente ") {
		t.Errorf("key token: %s", r)
	}
	for _, life := range []string{"16m", "0s", "-1m"} {
		if r := exits(t, 2, "key", "token", "--key", key, "--for", life); !strings.Contains(r.stderr, "--for: expected a duration up to 15m0s, got "+life) {
			t.Errorf("key token --for %s: %s", life, r)
		}
	}
}
