package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/internal/sharedata"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/world"
)

func init() {
	register(verb{"world", "load the real world (COW states, ATOP alliances) into a store as actors and pacts", runWorld})
	subcommandHelp["world"] = `Usage: entente world import --db NEW.db [--data DIR]

  import  write every COW state as an actor (with its latest NMC capabilities)
          and every ATOP 5.1 alliance as a pact whose log holds its founding,
          each member's entry and exit, and its end

Run "entente world import --help" for the flags.
`
}

func runWorld(ctx context.Context, env *cli, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		return usagef("world: expected import (see entente world --help)")
	}
	fs := newFlags(env, "world import", "--db NEW.db [--data DIR]", `
Loads the real world into a new store, in the same model as live pacts:
each state of the COW system (states2016) becomes an actor, with its
latest National Material Capabilities (NMC 6.0: cinc, milex, milper, irst,
pec, tpop, upop) as capabilities; each ATOP 5.1 alliance becomes a pact
"atop-ID" whose log is written from the data: the founding with the
members present at its start, each later entry and exit, and the end.
The logs are replayed, signed and verified like any other; serve the store
to browse them. Member codes outside the COW system become actors named
"polity CODE".`)
	var c common
	c.register(fs)
	dir := fs.String("data", sharedDataDir(), "the shared data `folder`")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if _, err := os.Stat(c.db); err == nil {
		return usagef("--db: %s exists; world import writes a new store", c.db)
	}
	lines, stats, err := worldExport(*dir)
	if err != nil {
		return err
	}
	// The world goes in as an export would, so it is replayed, signed and
	// verified by the same code as any other import.
	return importLines(ctx, env, &c, lines, stats)
}

// worldStats counts what a world import holds.
type worldStats struct{ actors, pacts int }

func worldExport(dir string) ([]byte, worldStats, error) {
	path := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	states, err := cowstate.LoadStates(path(sharedata.Layout["states"]))
	if err != nil {
		return nil, worldStats{}, err
	}
	records, err := nmc.Load(path(sharedata.Layout["nmc"]), nmc.V6)
	if err != nil {
		return nil, worldStats{}, err
	}
	alliances, err := atop.LoadAlliances(path(sharedata.Layout["alliances"]))
	if err != nil {
		return nil, worldStats{}, err
	}
	members, err := atop.LoadMembers(path(sharedata.Layout["members"]))
	if err != nil {
		return nil, worldStats{}, err
	}
	actors, id := worldActors(states, records, members)
	var buf bytes.Buffer
	t0 := time.Date(2016, 12, 31, 0, 0, 0, 0, time.UTC) // the end of the COW data
	for i, a := range actors {
		ev := entente.Event{Seq: int64(i), At: t0, Data: entente.ActorRegistered{Actor: a}}
		if err := writeExportLine(&buf, entente.RegistryLog, ev); err != nil {
			return nil, worldStats{}, err
		}
	}
	byID := map[int][]atop.Member{}
	for _, m := range members {
		byID[m.ATOPID] = append(byID[m.ATOPID], m)
	}
	for _, a := range alliances {
		_, events, err := world.PactLog(a, byID[a.ATOPID], id)
		if err != nil {
			return nil, worldStats{}, err
		}
		for _, ev := range events {
			if err := writeExportLine(&buf, string(world.PactID(a.ATOPID)), ev); err != nil {
				return nil, worldStats{}, err
			}
		}
	}
	return buf.Bytes(), worldStats{actors: len(actors), pacts: len(alliances)}, nil
}

func writeExportLine(buf *bytes.Buffer, log string, ev entente.Event) error {
	data, err := entente.EncodeEvent(ev)
	if err != nil {
		return err
	}
	line, err := json.Marshal(ledger.ExportLine{Log: log, Index: ev.Seq, Event: data})
	if err != nil {
		return err
	}
	buf.Write(line)
	buf.WriteByte('\n')
	return nil
}

// worldActors makes an actor of every COW state, with its latest NMC
// capabilities, and of every other code ATOP names; it returns them with
// the function mapping a code to its actor.
func worldActors(states []cowstate.State, records []nmc.Record, members []atop.Member) ([]entente.Actor, func(int) entente.ActorID) {
	abb := map[int]string{}
	for _, s := range states {
		abb[s.CCode] = s.Abb
	}
	id := func(c int) entente.ActorID { return world.StateID(abb[c], c) }
	actors := world.States(states)
	latest := latestCapabilities(records)
	for i := range actors {
		c, _ := strconv.Atoi(actors[i].Codes["cow"])
		actors[i].Capabilities = latest[c]
	}
	seen := map[int]bool{}
	for _, m := range members {
		if _, known := abb[m.Member]; !known && !seen[m.Member] {
			seen[m.Member] = true
			actors = append(actors, entente.Actor{ID: id(m.Member), Name: fmt.Sprintf("polity %d (outside the COW system)", m.Member),
				Kind: entente.State, Codes: map[string]string{"cow": strconv.Itoa(m.Member)}})
		}
	}
	sort.Slice(actors, func(i, j int) bool { return actors[i].ID < actors[j].ID })
	return actors, id
}

// latestCapabilities keeps each state's last NMC year, leaving out what
// that year does not record (missing stays missing).
func latestCapabilities(records []nmc.Record) map[int]map[string]float64 {
	last := map[int]nmc.Record{}
	for _, r := range records {
		if prev, ok := last[r.CCode]; !ok || r.Year > prev.Year {
			last[r.CCode] = r
		}
	}
	out := map[int]map[string]float64{}
	for c, r := range last {
		caps := map[string]float64{}
		for name, v := range map[string]float64{"cinc": r.CINC, "milex": r.MilEx, "milper": r.MilPer, "irst": r.IrSt, "pec": r.PEC, "tpop": r.TPop, "upop": r.UPop} {
			if !math.IsNaN(v) && v >= 0 {
				caps[name] = v
			}
		}
		caps["nmc_year"] = float64(r.Year)
		out[c] = caps
	}
	return out
}

// importLines imports export lines into the new store c.db and verifies it.
func importLines(ctx context.Context, env *cli, c *common, lines []byte, stats worldStats) error {
	n, _, err := importVerified(ctx, c.db, bytes.NewReader(lines))
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "imported %d actors and %d pacts (%d entries) into %s; verified\n", stats.actors, stats.pacts, n, c.db)
	return nil
}
