package entente

import (
	"fmt"
	"reflect"
	"sort"
	"time"
)

// commandTypes names every command a request can carry, pact and registry
// alike, with a constructor of its payload.
var commandTypes = map[string]func() any{
	"found":      func() any { return &FoundPact{} },
	"join":       func() any { return &RequestJoin{} },
	"notice":     func() any { return &GiveNotice{} },
	"pledge":     func() any { return &Pledge{} },
	"contribute": func() any { return &Contribute{} },
	"objective":  func() any { return &SetObjective{} },
	"progress":   func() any { return &ReportProgress{} },
	"propose":    func() any { return &Propose{} },
	"vote":       func() any { return &CastVote{} },
	"dispute":    func() any { return &RaiseDispute{} },
	"escalate":   func() any { return &EscalateDispute{} },
	"resolve":    func() any { return &ResolveDispute{} },
	"appoint":    func() any { return &AppointNeutral{} },
	"comment":    func() any { return &PostComment{} },
	"bargain":    func() any { return &OpenBargaining{} },
	"reserve":    func() any { return &StateReservation{} },
	"register":   func() any { return &RegisterActor{} },
	"update":     func() any { return &UpdateActor{} },
	"enrol":      func() any { return &EnrolKey{} },
	"revoke":     func() any { return &RevokeKey{} },
	"invite":     func() any { return &Invite{} },
	"witness":    func() any { return &WitnessHead{} },
	"read":       func() any { return &ReadAs{} },
}

// ReadAs is the command of a read token: a request that records nothing
// but proves, to a server that checks its signature, which actor reads
// (see ledger.Service.Reader). Its Log is RegistryLog and it expires within
// MaxReadLifetime.
type ReadAs struct{}

// MaxReadLifetime bounds how long a read token is good for.
const MaxReadLifetime = 15 * time.Minute

// CommandNames returns the names a Request's Command may take, sorted.
func CommandNames() []string { return sortedKeys(commandTypes) }

// CommandName returns the name under which cmd travels in a request (a
// Command or a RegistryCommand), or "" for a type that has none.
func CommandName(cmd any) string {
	t := reflect.TypeOf(cmd)
	for name, f := range commandTypes {
		if reflect.TypeOf(f()).Elem() == t {
			return name
		}
	}
	return ""
}

// DecodeCommand decodes a request's command strictly (see StrictJSON).
// The result is a Command for a pact's log or a RegistryCommand.
func DecodeCommand(name string, args []byte) (any, error) {
	f, ok := commandTypes[name]
	if !ok {
		return nil, FieldErrorf(EINVALID, "request.command", "expected one of %v, got %q", CommandNames(), name)
	}
	v := f()
	args, err := dateArgs(args, v)
	if err != nil {
		return nil, err
	}
	if err := StrictJSON(args, v); err != nil {
		return nil, argsError(name, err)
	}
	if err := requireFields(args, v); err != nil {
		return nil, err
	}
	if d, ok := v.(defaulter); ok {
		d.setDefaults()
	}
	return reflect.ValueOf(v).Elem().Interface(), nil
}

// NewRequest returns a request for cmd on log by actor, its args encoded
// from cmd.
func NewRequest(log string, actor ActorID, cmd any, nonce string, expires time.Time) (Request, error) {
	name := CommandName(cmd)
	if name == "" {
		return Request{}, Errorf(EINTERNAL, "%T is not a command", cmd)
	}
	args, err := marshalArgs(cmd)
	if err != nil {
		return Request{}, err
	}
	return Request{V: 1, Log: log, Actor: actor, Command: name, Args: args, Nonce: nonce, Expires: expires}, nil
}

// Signers says who must sign a request: a live key of each actor in
// Actors, and each of Keys (a key being enrolled proves its possession).
// No other key may sign.
type Signers struct {
	Actors []ActorID
	Keys   []string
}

// cosigned is implemented by commands that need more than the acting
// actor's signature.
type cosigned interface {
	cosigners(s *PactState, by ActorID) []ActorID
}

// RequiredSigners returns the actors who must sign cmd, made by by
// against s: by itself, and for some commands others (every founder of a
// pact; every party to a dispute settled without its neutral; the parties
// and the appointee of a mediator or arbiter).
func RequiredSigners(s *PactState, by ActorID, cmd Command) []ActorID {
	out := []ActorID{by}
	if c, ok := cmd.(cosigned); ok {
		for _, id := range c.cosigners(s, by) {
			if !oneOf(id, out) {
				out = append(out, id)
			}
		}
	}
	return out
}

// CheckSignatures checks that sig's signatures are exactly those need
// asks for, each key acting for its actor after the first n registry
// entries. The signatures' arithmetic is checked by Signed.Parse.
func (r *Registry) CheckSignatures(sig *Signed, need Signers, n int64) error {
	covered := map[ActorID]bool{}
	for _, s := range sig.Signatures {
		if oneOf(s.Key, need.Keys) {
			continue
		}
		k := r.Keys[s.Key]
		if k == nil || !k.ValidAt(n) {
			return FieldErrorf(EFORBIDDEN, "signatures", "key %s is not a live delegate key", KeyID(s.Key))
		}
		if !oneOf(k.Actor, need.Actors) {
			return FieldErrorf(EFORBIDDEN, "signatures", "key %s acts for %s, who is not asked to sign this request", KeyID(s.Key), k.Actor)
		}
		covered[k.Actor] = true
	}
	for _, id := range need.Actors {
		if !covered[id] {
			return FieldErrorf(EFORBIDDEN, "signatures", "expected a signature by a delegate of %s", id)
		}
	}
	for _, key := range need.Keys {
		if !signedBy(sig, key) {
			return FieldErrorf(EFORBIDDEN, "signatures", "expected a signature by key %s", KeyID(key))
		}
	}
	return nil
}

func signedBy(sig *Signed, key string) bool {
	for _, s := range sig.Signatures {
		if s.Key == key {
			return true
		}
	}
	return false
}

// checkTiming refuses a request recorded after it expired, or one whose
// expiry lies further ahead than MaxRequestLifetime.
func checkTiming(req Request, now time.Time) error {
	if now.After(req.Expires) {
		return FieldErrorf(ECONFLICT, "request.expires", "the request expired at %s", req.Expires.UTC().Format(time.RFC3339))
	}
	if req.Expires.Sub(now) > MaxRequestLifetime {
		return FieldErrorf(EINVALID, "request.expires", "expected an expiry at most %s ahead", MaxRequestLifetime)
	}
	return nil
}

// RunSigned checks a signed request for a pact and runs it: the request
// must be for the pact's log (s's, or a new pact's for a founding), not
// expired, signed by exactly the actors RequiredSigners names with keys
// live after the first n registry entries; the command runs at now with
// the actors as they stood then. The signed request rides on the first
// event its actor caused. Nonce uniqueness is the caller's to check: it
// depends on the whole log.
//
// The ledger runs every member's request through RunSigned and the
// verifier runs it again over the log, so the two cannot disagree on what a
// signature allows.
func RunSigned(reg *Registry, n int64, s *PactState, sig *Signed, now time.Time) (Request, *PactState, []Event, error) {
	return runSigned(reg, n, s, sig, now, false)
}

// ReplaySigned is RunSigned for a replay that owns s: the command runs on
// s itself, which is left in an unspecified state when it fails. Verifying
// a log of n requests so costs O(n) state copies less than RunSigned.
func ReplaySigned(reg *Registry, n int64, s *PactState, sig *Signed, now time.Time) (Request, *PactState, []Event, error) {
	return runSigned(reg, n, s, sig, now, true)
}

func runSigned(reg *Registry, n int64, s *PactState, sig *Signed, now time.Time, inPlace bool) (Request, *PactState, []Event, error) {
	req, err := sig.Parse()
	if err != nil {
		return req, nil, nil, err
	}
	if err := checkTiming(req, now); err != nil {
		return req, nil, nil, err
	}
	v, err := DecodeCommand(req.Command, req.Args)
	if err != nil {
		return req, nil, nil, err
	}
	cmd, ok := v.(Command)
	if !ok {
		return req, nil, nil, FieldErrorf(EINVALID, "request.command", "%s is not a command of a pact's log (log %s)", req.Command, req.Log)
	}
	if err := checkLog(req, s, cmd); err != nil {
		return req, nil, nil, err
	}
	if err := reg.CheckSignatures(sig, Signers{Actors: RequiredSigners(s, req.Actor, cmd)}, n); err != nil {
		return req, nil, nil, err
	}
	env := Env{Now: now, Actors: func(id ActorID) *Actor { return reg.ActorAt(id, n) }}
	if err := req.Class.Validate(); err != nil {
		return req, nil, nil, err
	}
	st, events, err := execute(s, req.Actor, cmd, env, inPlace, req.Class)
	if err != nil {
		return req, nil, nil, err
	}
	stamped := *sig
	stamped.Registry = n
	attach(events, req.Actor, &stamped)
	if err := checkClass(events, req.Class); err != nil {
		return req, nil, nil, err
	}
	return req, st, events, nil
}

func checkLog(req Request, s *PactState, cmd Command) error {
	if req.Log == RegistryLog {
		return FieldErrorf(EINVALID, "request.log", "%s is not a registry command", req.Command)
	}
	if f, ok := cmd.(FoundPact); ok && string(f.Pact.ID) != req.Log {
		return FieldErrorf(EINVALID, "request.log", "the request is for log %s but founds pact %s", req.Log, f.Pact.ID)
	}
	if s != nil && string(s.Pact.ID) != req.Log {
		return FieldErrorf(EINVALID, "request.log", "the request is for log %s, not %s", req.Log, s.Pact.ID)
	}
	return nil
}

// attach keeps a signed request with the first event its actor caused,
// and returns that event's index.
func attach(events []Event, by ActorID, sig *Signed) int {
	for i := range events {
		if events[i].By == by {
			events[i].Signed = sig
			return i
		}
	}
	return len(events)
}

// RunSignedRegistry checks a signed request for the registry and returns
// the events it records (not yet applied), the request on the first.
func RunSignedRegistry(reg *Registry, sig *Signed, now time.Time) (Request, []Event, error) {
	req, err := sig.Parse()
	if err != nil {
		return req, nil, err
	}
	if req.Log != RegistryLog {
		return req, nil, FieldErrorf(EINVALID, "request.log", "expected %s for command %s", RegistryLog, req.Command)
	}
	if err := checkTiming(req, now); err != nil {
		return req, nil, err
	}
	v, err := DecodeCommand(req.Command, req.Args)
	if err != nil {
		return req, nil, err
	}
	cmd, ok := v.(RegistryCommand)
	if !ok {
		return req, nil, FieldErrorf(EINVALID, "request.command", "%s is not a command of the registry", req.Command)
	}
	if err := reg.CheckSignatures(sig, cmd.signers(reg, req.Actor), reg.Len); err != nil {
		return req, nil, err
	}
	events, err := cmd.runRegistry(reg, req.Actor, canonicalTime(now))
	if err != nil {
		return req, nil, err
	}
	stamped := *sig
	stamped.Registry = reg.Len
	events[0].Signed = &stamped
	return req, events, nil
}

// sortedActorIDs returns ids sorted, without duplicates.
func sortedActorIDs(ids []ActorID) []ActorID {
	m := map[ActorID]bool{}
	for _, id := range ids {
		m[id] = true
	}
	out := sortedKeys(m)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// errNotRegistry is the error for a registry event the operator may not
// record on its own.
func errUnsigned(e Event) error {
	return fmt.Errorf("%s credited to %s carries no signed request", typeName(e.Data), e.By)
}
