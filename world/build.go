package world

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/ledger"
)

// Registered is when the world's actors are registered: the end of the COW
// data (31 December 2016).
var Registered = time.Date(2016, 12, 31, 0, 0, 0, 0, time.UTC)

// Log is one log of the world: its name and its events in order, as the
// operator's record is written to a store (ledger.WriteRecord).
type Log = ledger.Recorded

// Build turns the datasets into logs: first the registry, an
// ActorRegistered event per actor (see Actors) at Registered, then one log
// per ATOP alliance (see PactLog), in the order of alliances.
func Build(states []cowstate.State, records []nmc.Record, alliances []atop.Alliance, members []atop.Member) ([]Log, error) {
	actors, id := Actors(states, records, members)
	reg := Log{Name: entente.RegistryLog, Events: make([]entente.Event, len(actors))}
	for i, a := range actors {
		reg.Events[i] = entente.Event{Seq: int64(i), At: Registered, Data: entente.ActorRegistered{Actor: a}}
	}
	logs := []Log{reg}
	byID := map[int][]atop.Member{}
	for _, m := range members {
		byID[m.ATOPID] = append(byID[m.ATOPID], m)
	}
	for _, a := range alliances {
		_, events, err := PactLog(a, byID[a.ATOPID], id)
		if err != nil {
			return nil, fmt.Errorf("world: ATOP %d: %w", a.ATOPID, err)
		}
		logs = append(logs, Log{Name: string(PactID(a.ATOPID)), Events: events})
	}
	return logs, nil
}

// Actors makes an actor of every COW state, with its latest NMC
// capabilities (see LatestCapabilities), and of every other code ATOP
// names ("polity CODE"); it returns them sorted by ID with the function
// mapping a code to its actor.
func Actors(states []cowstate.State, records []nmc.Record, members []atop.Member) ([]entente.Actor, func(int) entente.ActorID) {
	abb := map[int]string{}
	for _, s := range states {
		abb[s.CCode] = s.Abb
	}
	id := func(c int) entente.ActorID { return StateID(abb[c], c) }
	actors := States(states)
	latest := LatestCapabilities(records)
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

// LatestCapabilities keeps each state's last NMC year as capabilities
// (cinc, milex, milper, irst, pec, tpop, upop, and nmc_year), leaving out
// what that year does not record: missing stays missing.
func LatestCapabilities(records []nmc.Record) map[int]map[string]float64 {
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
