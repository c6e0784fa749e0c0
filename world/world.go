// Package world brings the real world into Entente's model: states of the
// Correlates of War system become actors, and ATOP alliances become pacts
// whose logs are written from the data (founding, each member's entry and
// exit, the end), so that a treaty from a dataset and a pact run in Entente
// are folded by the same code and answer the same questions.
package world

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/atopindex"
	"github.com/entente/entente/dataset/cowstate"
	"github.com/entente/entente/dataset/csvio"
)

// StateID returns the actor ID of a COW state: its abbreviation in lower
// case ("usa", "rus"), or "cow-<code>" when the abbreviation is unknown.
func StateID(abb string, ccode int) entente.ActorID {
	if abb == "" {
		return entente.ActorID("cow-" + strconv.Itoa(ccode))
	}
	return entente.ActorID(strings.ToLower(abb))
}

// States turns the COW state list into actors, one per country code (a
// state with several spells of membership is one actor). Codes["cow"] holds
// the country code.
func States(states []cowstate.State) []entente.Actor {
	seen := map[int]bool{}
	var out []entente.Actor
	for _, s := range states {
		if seen[s.CCode] {
			continue
		}
		seen[s.CCode] = true
		out = append(out, entente.Actor{ID: StateID(s.Abb, s.CCode), Name: s.Name, Kind: entente.State,
			Codes: map[string]string{"cow": strconv.Itoa(s.CCode)}})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Date turns a dataset date into a time: an unknown month or day counts as
// the first, so a membership known only by its year starts on 1 January.
func Date(d csvio.Date) time.Time {
	m, day := max(d.Month, 1), max(d.Day, 1)
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// Obligations converts ATOP's obligation set.
func Obligations(o atop.Obligation) []entente.Obligation {
	var out []entente.Obligation
	for _, p := range []struct {
		a atop.Obligation
		e entente.Obligation
	}{{atop.Defense, entente.Defense}, {atop.Offense, entente.Offense}, {atop.Neutrality, entente.Neutrality},
		{atop.NonAggression, entente.NonAggression}, {atop.Consultation, entente.Consultation}} {
		if o.Has(p.a) {
			out = append(out, p.e)
		}
	}
	return out
}

func purposes(o atop.Obligation) []entente.Purpose {
	var out []entente.Purpose
	if o.Has(atop.Defense) {
		out = append(out, entente.Defensive)
	}
	if o.Has(atop.Offense) {
		out = append(out, entente.Offensive)
	}
	if len(out) == 0 {
		out = append(out, entente.Political)
	}
	return out
}

// PactID is the pact ID of an ATOP alliance: "atop-3180".
func PactID(atopid int) entente.PactID { return entente.PactID(fmt.Sprintf("atop-%d", atopid)) }

// spell is one continuous membership of one state.
type spell struct {
	state       int
	entry, exit time.Time // exit zero: still a member at the end of the data
}

// Pact folds an ATOP alliance into a pact. members are the alliance's rows
// of the member-level file (one per member and phase); id maps a COW code to
// an actor. A state's rows over consecutive phases make one membership; a
// gap makes two. The log is: founding with the members in force on the
// alliance's first day, admissions and exits in date order, and the end if
// the alliance ended. Dates follow the shared ATOP conventions (package
// dataset/atopindex): an unknown entry or begin month or day is the first,
// an unknown exit or end month or day the last.
func Pact(a atop.Alliance, members []atop.Member, id func(ccode int) entente.ActorID) (*entente.PactState, error) {
	s, _, err := PactLog(a, members, id)
	return s, err
}

// PactLog is Pact with the log it folds: the events that can be stored in
// a ledger so the alliance is a pact like any other.
func PactLog(a atop.Alliance, members []atop.Member, id func(ccode int) entente.ActorID) (*entente.PactState, []entente.Event, error) {
	beginDay := atopindex.EntryDay(a.Begin)
	begin := beginDay.Time()
	p := entente.Pact{ID: PactID(a.ATOPID), Name: fmt.Sprintf("ATOP %d", a.ATOPID), Kind: entente.Alliance,
		Purposes: purposes(a.Obligations), Obligations: Obligations(a.Obligations),
		Duration: entente.Duration{Kind: entente.Permanent},
		// Structure is measured on the COW composite capability index.
		Agreement: entente.Agreement{PowerMeasure: "cinc"}}
	var founders []entente.ActorID
	var later []timed
	var end time.Time
	if !a.End.IsZero() {
		end = atopindex.ExitDay(a.End, atopindex.LastYear).Time()
	}
	if len(members) > 0 {
		ix, err := atopindex.New(members, atopindex.LastYear)
		if err != nil {
			return nil, nil, fmt.Errorf("world: ATOP %d: %w", a.ATOPID, err)
		}
		for _, m := range ix.Alliance(a.ATOPID, beginDay, beginDay) {
			founders = appendOnce(founders, id(m.CCode))
		}
		for _, s := range mergeSpells(ix, a.ATOPID) {
			if s.entry.After(begin) {
				later = append(later, timed{s.entry, 1, entente.MemberAdmitted{Member: id(s.state), Via: "atop"}})
			} else if !slices.Contains(founders, id(s.state)) {
				continue // a spell over before the alliance began: not a membership of it
			}
			if !s.exit.IsZero() && (end.IsZero() || s.exit.Before(end)) {
				later = append(later, timed{s.exit, 2, entente.MemberLeft{Member: id(s.state), Reason: "left (ATOP exit date)"}})
			}
		}
	}
	if !end.IsZero() {
		later = append(later, timed{end, 3, entente.PactDissolved{Reason: "ended (ATOP end date)"}})
	}
	sort.SliceStable(later, func(i, j int) bool {
		if !later[i].at.Equal(later[j].at) {
			return later[i].at.Before(later[j].at)
		}
		return later[i].order < later[j].order
	})
	return fold(p, founders, begin, later)
}

type timed struct {
	at    time.Time
	order int
	data  entente.EventData
}

func fold(p entente.Pact, founders []entente.ActorID, begin time.Time, later []timed) (*entente.PactState, []entente.Event, error) {
	s := &entente.PactState{}
	var events []entente.Event
	apply := func(at time.Time, d entente.EventData) error {
		e := entente.Event{Seq: s.Len, At: at, Data: d}
		if err := s.Apply(e); err != nil {
			return fmt.Errorf("world: %s: %w", p.ID, err)
		}
		events = append(events, e)
		return nil
	}
	if err := apply(begin, entente.PactFounded{Pact: p, Founders: founders}); err != nil {
		return nil, nil, err
	}
	for _, t := range later {
		if err := apply(t.at, t.data); err != nil {
			return nil, nil, err
		}
		if _, ok := t.data.(entente.PactDissolved); ok {
			// Every remaining member leaves with the pact's end.
			for _, m := range s.InPact() {
				if err := apply(t.at, entente.MemberLeft{Member: m, Reason: "the pact dissolved"}); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	return s, events, nil
}

// mergeSpells joins each state's phase rows of alliance id into continuous
// memberships, their dates from the index (atopindex.Spell). Rows whose
// entry falls on or before the day after the previous row's exit (phases
// abut: ATOP ends one phase the day the next begins) extend the spell. A
// spell running to the end of the coverage has a zero exit.
func mergeSpells(ix *atopindex.Index, id int) []spell {
	first, last := ix.Span()
	rows := ix.Alliance(id, atopindex.YearStart(first), atopindex.YearEnd(last))
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].CCode != rows[j].CCode {
			return rows[i].CCode < rows[j].CCode
		}
		return rows[i].From < rows[j].From
	})
	var out []spell
	for _, r := range rows {
		entry, exit := r.From.Time(), time.Time{}
		if !ix.Open(r) {
			exit = r.To.Time()
		}
		if n := len(out); n > 0 && out[n-1].state == r.CCode && (out[n-1].exit.IsZero() || !entry.After(out[n-1].exit.Add(entente.Day))) {
			if out[n-1].exit.IsZero() {
				continue
			}
			if exit.IsZero() || exit.After(out[n-1].exit) {
				out[n-1].exit = exit
			}
			continue
		}
		out = append(out, spell{state: r.CCode, entry: entry, exit: exit})
	}
	return out
}

func appendOnce(ids []entente.ActorID, id entente.ActorID) []entente.ActorID {
	for _, x := range ids {
		if x == id {
			return ids
		}
	}
	return append(ids, id)
}
