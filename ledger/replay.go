package ledger

import (
	"bytes"
	"fmt"
	"time"

	"github.com/entente/entente"
)

// A log is replayed, not merely folded, wherever the ledger reads one it
// did not just write (opening a store, verify, import): every member's
// action is re-run from the signed request it carries and must yield
// exactly the entries recorded, and what time alone brought about must be
// what Advance yields. So whoever holds the store and the server's key can
// order and time-stamp members' requests, but cannot forge, alter or
// re-attribute an action, drop a consequence or invent a deadline without
// the replay naming the entry.
//
// A pact whose founding is not signed is the operator's record of outside
// events (a historical alliance imported from a dataset, a simulated
// pact): its events are folded and reported as attested by the operator,
// and no actor with a delegate key may appear in it unsigned.

// replayError names the entry of a log where replay failed.
type replayError struct {
	index int64
	msg   string
}

func (e *replayError) Error() string { return e.msg }

func failAt(i int, format string, args ...any) error {
	return &replayError{index: int64(i), msg: fmt.Sprintf(format, args...)}
}

// decodeAll decodes a log's entries, checking that each is in the canonical
// encoding (so the bytes hashed are the bytes every reader decodes).
func decodeAll(data [][]byte) ([]entente.Event, error) {
	return decodeFrom(data, 0)
}

// decodeFrom is decodeAll for entries from index base on; errors name the
// entry by its place in data.
func decodeFrom(data [][]byte, base int64) ([]entente.Event, error) {
	events := make([]entente.Event, len(data))
	for i, b := range data {
		ev, err := entente.DecodeEvent(b)
		if err != nil {
			return nil, failAt(i, "entry does not decode: %v", err)
		}
		if canon, err := entente.EncodeEvent(ev); err != nil || !bytes.Equal(canon, b) {
			return nil, failAt(i, "entry is not in the canonical encoding")
		}
		if ev.Seq != base+int64(i) {
			return nil, failAt(i, "entry carries sequence number %d", ev.Seq)
		}
		events[i] = ev
	}
	return events, nil
}

// nonceSet records the nonces of the requests a log holds.
type nonceSet map[string]bool

func (n nonceSet) use(i int, sig *entente.Signed) error {
	req, err := entente.ParseRequest([]byte(sig.Request))
	if err != nil {
		return failAt(i, "signed request: %v", err)
	}
	if n[req.Nonce] {
		return failAt(i, "signed request of %s replays nonce %s", req.Actor, req.Nonce)
	}
	n[req.Nonce] = true
	return nil
}

// sameEvents reports the first of got whose canonical encoding differs
// from the stored bytes want, or -1.
func sameEvents(got []entente.Event, want [][]byte) int {
	for i := range got {
		if i >= len(want) {
			return i
		}
		a, err := entente.EncodeEvent(got[i])
		if err == nil && !bytes.Equal(a, want[i]) && got[i].By == "" && got[i].Class != "" {
			// Servers before what time brings about took its item's class
			// (a dispute's escalation, a decision, a pledge overdue)
			// recorded it at the pact's visibility.
			old := got[i]
			old.Class = ""
			a, err = entente.EncodeEvent(old)
		}
		if err != nil || !bytes.Equal(a, want[i]) {
			return i
		}
	}
	return -1
}

// replayRegistry replays the registry log.
func replayRegistry(events []entente.Event, data [][]byte) (*entente.Registry, nonceSet, error) {
	return replayRegistryFrom(entente.NewRegistry(), nonceSet{}, events, data, nil)
}

// replayRegistryFrom replays registry events, whose stored bytes are data,
// on top of reg and nonces, which it changes: the fold of the entries
// before them (a snapshot's). mark, when set, is called between commands
// and after the last, with the index of the next event, as
// pactReplay.mark is. Errors name entries by their place in events.
func replayRegistryFrom(reg *entente.Registry, nonces nonceSet, events []entente.Event, data [][]byte, mark func(reg *entente.Registry, nonces nonceSet, i int)) (*entente.Registry, nonceSet, error) {
	for i := 0; i < len(events); {
		if mark != nil {
			mark(reg, nonces, i)
		}
		ev := events[i]
		var produced []entente.Event
		switch {
		case ev.Signed != nil:
			if ev.Signed.Registry != reg.Len {
				return nil, nil, failAt(i, "signed request stamped with registry length %d at entry %d", ev.Signed.Registry, i)
			}
			if err := nonces.use(i, ev.Signed); err != nil {
				return nil, nil, err
			}
			unstamped := *ev.Signed
			unstamped.Registry = 0
			_, evs, err := entente.RunSignedRegistry(reg, &unstamped, ev.At)
			if err != nil {
				return nil, nil, failAt(i, "signed request of %s does not run: %s", ev.By, entente.ErrorMessage(err))
			}
			produced = evs
		case ev.By != "":
			return nil, nil, failAt(i, "%s credited to %s carries no signed request", ev.Data.EventType(), ev.By)
		default:
			e, err := operatorRegistryEvent(reg, ev)
			if err != nil {
				return nil, nil, failAt(i, "%s recorded by the operator: %s", ev.Data.EventType(), entente.ErrorMessage(err))
			}
			produced = []entente.Event{e}
		}
		if j := sameEvents(produced, data[i:]); j >= 0 {
			return nil, nil, failAt(i+j, "entry differs from what its request yields")
		}
		for j, e := range produced {
			if err := reg.Apply(e); err != nil {
				return nil, nil, failAt(i+j, "entry does not replay: %v", err)
			}
		}
		i += len(produced)
	}
	if mark != nil {
		mark(reg, nonces, len(events))
	}
	return reg, nonces, nil
}

// operatorRegistryEvent re-makes an unsigned registry event the way the
// operator may: an invitation, or the record of an actor without keys.
func operatorRegistryEvent(reg *entente.Registry, ev entente.Event) (entente.Event, error) {
	switch d := ev.Data.(type) {
	case entente.InvitationIssued:
		return reg.Invite("", d.Invitation, ev.At)
	case entente.ActorRegistered:
		return reg.Record(d.Actor, ev.At)
	}
	return entente.Event{}, entente.Errorf(entente.EFORBIDDEN, "only an invitation or a keyless actor's record may be unsigned")
}

// pactReplay is the outcome of replaying a pact's log.
type pactReplay struct {
	state    *entente.PactState
	nonces   nonceSet
	attested bool // founded without a signature: the operator's record
	registry int64
	data     [][]byte // the stored bytes of the entries
	// mark, when set, is called by run between commands: before the
	// entries from index i of the events it runs, and after the last (i
	// is then their number), with r as the entries before i left it.
	mark func(i int)
}

// replayPact replays a pact's log against the registry.
func replayPact(name string, events []entente.Event, data [][]byte, reg *entente.Registry) (*pactReplay, error) {
	return replayPactMarked(name, events, data, reg, nil)
}

// replayPactMarked is replayPact with a mark (see pactReplay.mark).
func replayPactMarked(name string, events []entente.Event, data [][]byte, reg *entente.Registry, mark func(r *pactReplay, i int)) (*pactReplay, error) {
	r := &pactReplay{nonces: nonceSet{}, data: data}
	if mark != nil {
		r.mark = func(i int) { mark(r, i) }
	}
	if len(events) > 0 {
		r.attested = events[0].Signed == nil
	}
	if err := r.run(name, events, reg); err != nil {
		return nil, err
	}
	return r, nil
}

// run replays events, whose stored bytes are r.data, on top of what r
// holds: from an empty pact, or from a state the caller owns (a log that
// caught up with another process's appends). Errors name entries by their
// place in events.
func (r *pactReplay) run(name string, events []entente.Event, reg *entente.Registry) error {
	for i := 0; i < len(events); {
		if r.mark != nil {
			r.mark(i)
		}
		var n int
		var err error
		switch ev := events[i]; {
		case ev.Signed != nil:
			n, err = r.signed(name, i, events, reg)
		case r.attested:
			n, err = r.attestedEvent(i, ev, reg)
		case ev.By != "":
			err = failAt(i, "%s credited to %s carries no signed request", ev.Data.EventType(), ev.By)
		default:
			n, err = r.timeRun(i, events)
		}
		if err != nil {
			return err
		}
		i += n
	}
	if r.mark != nil {
		r.mark(len(events))
	}
	if r.state != nil && string(r.state.Pact.ID) != name {
		return failAt(0, "log %s founds pact %q", name, r.state.Pact.ID)
	}
	return nil
}

// signed re-runs the request at entry i and checks the entries it yields.
func (r *pactReplay) signed(name string, i int, events []entente.Event, reg *entente.Registry) (int, error) {
	ev := events[i]
	n := ev.Signed.Registry
	if n < r.registry || n > reg.Len {
		return 0, failAt(i, "signed request stamped with registry length %d (expected %d to %d)", n, r.registry, reg.Len)
	}
	if err := r.nonces.use(i, ev.Signed); err != nil {
		return 0, err
	}
	unstamped := *ev.Signed
	unstamped.Registry = 0
	req, st, produced, err := entente.ReplaySigned(reg, n, r.state, &unstamped, ev.At)
	if err != nil {
		return 0, failAt(i, "signed request of %s does not run: %s", ev.By, entente.ErrorMessage(err))
	}
	if req.Log != name {
		return 0, failAt(i, "signed request is for log %s", req.Log)
	}
	first := 0
	for first < len(produced) && produced[first].Signed == nil {
		first++ // what time brought about before the request ran
	}
	if first > 0 {
		return 0, failAt(i, "before %s's request ran, %s was due and is not recorded", req.Actor, produced[0].Data.EventType())
	}
	if j := sameEvents(produced, r.data[i:]); j >= 0 {
		return 0, failAt(i+j, "entry differs from what %s's signed request yields", req.Actor)
	}
	r.state, r.registry = st, n
	return len(produced), nil
}

// timeRun checks a run of unsigned, unattributed entries against what
// Advance yields: they are what time alone brought about.
func (r *pactReplay) timeRun(i int, events []entente.Event) (int, error) {
	if r.state == nil {
		return 0, failAt(i, "%s before the pact was founded", events[i].Data.EventType())
	}
	j := i
	for j < len(events) && events[j].Signed == nil && events[j].By == "" {
		j++
	}
	run := events[i:j]
	last := run[len(run)-1].At
	// The server ran Advance at some moment from the last entry's time
	// until before the next thing fell due; only the boundary at that
	// time itself can differ (a commitment falls overdue strictly after
	// its due date).
	for _, now := range []time.Time{last, last.Add(time.Nanosecond)} {
		st, produced, err := entente.Advance(r.state, entente.Env{Now: now})
		if err == nil && len(produced) == len(run) && sameEvents(produced, r.data[i:j]) < 0 {
			r.state = st
			return len(run), nil
		}
	}
	st, produced, _ := entente.Advance(r.state, entente.Env{Now: last.Add(time.Nanosecond)})
	_ = st
	k := sameEvents(produced, r.data[i:j])
	if k < 0 {
		k = len(produced)
	}
	return 0, failAt(i+min(k, len(run)-1), "%s is not what time brought about by %s", run[min(k, len(run)-1)].Data.EventType(), last.Format(time.RFC3339))
}

// attestedEvent folds an entry of the operator's own record. No actor with
// a delegate key may be credited there, or founded into it.
func (r *pactReplay) attestedEvent(i int, ev entente.Event, reg *entente.Registry) (int, error) {
	if ev.By != "" && reg.KeyedBy(ev.By, ev.At) {
		return 0, failAt(i, "%s credited to %s, who has delegate keys, carries no signed request", ev.Data.EventType(), ev.By)
	}
	if f, ok := ev.Data.(entente.PactFounded); ok {
		for _, id := range f.Founders {
			if reg.KeyedBy(id, ev.At) {
				return 0, failAt(i, "the operator's record makes %s, who has delegate keys, a founder", id)
			}
		}
	}
	if r.state == nil {
		r.state = &entente.PactState{}
	}
	if err := r.state.Apply(ev); err != nil {
		return 0, failAt(i, "entry does not replay: %v", err)
	}
	return 1, nil
}
