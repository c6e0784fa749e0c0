// Package entente is the domain model of Entente: actors, the pacts they form
// and the verifiable record of what happens in them.
//
// # The model
//
// An Actor is anyone who can join a pact: a state, a firm, an NGO, a person
// or a group, with named capabilities (military, economic, technology,
// population, ...), positions on issues and, where known, Hofstede's culture
// scores. A historical state loaded from a dataset, a simulated agent and a
// live coalition member are all actors.
//
// A Pact is an alliance or a coalition. Its charter states its purposes, the
// obligations members owe each other (the ATOP provisions: defense, offense,
// neutrality, non-aggression, consultation), its duration and the Agreement
// its members signed: scope, expected contributions, the split of benefits,
// a DecisionRule for each kind of Matter, the join rule, the exit clause,
// the dispute ladder and intellectual property.
//
// The kinds differ in behaviour, as seed 002 describes them: an alliance
// admits a member only by consent of its members (unanimity on admission,
// unless its agreement sets another rule), decides by unanimity unless its
// agreement says otherwise, and ends by decision; a coalition lets actors
// join on request (an open join rule), decides by simple majority by
// default, and when its duration is tied to an objective it dissolves when
// that objective is met.
//
// # Events, commands and state
//
// Everything that happens to a pact is an Event in the pact's log. A
// PactState is the fold of those events (Fold, PactState.Apply) and nothing
// else: there is no state that the log does not explain. A change is asked
// for with a Command (FoundPact, RequestJoin, GiveNotice, Pledge,
// Contribute, SetObjective, ReportProgress, Propose, CastVote,
// RaiseDispute, EscalateDispute, AppointNeutral, ResolveDispute), which Execute checks
// against the current state: a valid command yields events, an invalid one
// an *Error and no events at all.
//
// The domain never reads the clock. Execute and Advance take the time in an
// Env, and what time alone brings about (a vote's window closing, a notice
// period running out, a commitment falling overdue, a dispute's deadline
// passing, a fixed term ending) is itself recorded as events by Advance, so
// that replaying the log needs no clock and gives the same state.
//
// A proposal fixes its rule, electorate and weights when it opens. It is
// decided as soon as no remaining vote can change its outcome, or when its
// window closes. When a ProposalDecided event is folded, the decision is
// taken again from the recorded votes and must come out the same: a log
// whose decisions do not follow from its votes does not replay.
//
// # Derived structure
//
// Whether a pact is bilateral or multilateral, symmetric or asymmetric,
// hierarchical or egalitarian is derived, never typed in (DeriveStructure):
// symmetry from members' shares of the capability the agreement names (the
// largest share, the Herfindahl index, and the ratio of the strongest to the
// second strongest, asymmetric from AsymmetryRatio up), hierarchy from
// whether any decision rule weighs members unequally.
//
// # Storage and verification
//
// Logs are kept by a store (package logstore: the domain knows nothing of
// storage or of the Merkle log). Each log's entries are hashed into an RFC 6962
// Merkle tree whose signed tree heads let any member check that an entry is
// included and that history was never rewritten (package tlog). Actors live
// in their own log, RegistryLog.
//
// # Who acts
//
// An actor acts through delegates, people who each hold an ed25519 key
// (Delegate) that the server never sees. Every member action is a Request
// (which log, which actor, which command and its fields, a nonce and an
// expiry), encoded as JSON and signed by the delegates whose consent the
// command needs (RequiredSigners: the acting actor; every founder of a
// pact; every party to a settlement unless the dispute's mediator or
// arbiter records it; the subject of an admission it did not ask for).
// The exact bytes signed are kept with the first event the request caused
// (Signed), so RunSigned can re-run it: a verifier replaying the log must
// get exactly the recorded entries. The server signs only tree heads and
// what time brings about (Advance), which replay re-derives too.
//
// Keys live in the registry log: an actor's first key comes with a
// one-time Invitation (RegisterActor), later ones are enrolled by an
// existing key with the new key's own signature (EnrolKey) and revoked
// the same way; keyless actors are the operator's record (historical
// states, simulated agents), and a pact founded unsigned is the operator's
// record too. WhoMay is the one table of who may make each command.
//
// A pact is public or members-only (Pact.Visibility); a request may
// classify what it records (Classification); roles granted under the
// pact's rule (observer, secretariat, auditor) and a dispute's neutrals
// widen what one may read (CanReadPact, CanRead, CanReadAll). Readers not
// entitled to an entry see its leaf hash, type and time, so proofs verify
// for everyone. Members countersign tree heads (WitnessHead), so a server
// that later rewrites or rolls back a log is caught.
//
// # Errors
//
// Every failure a caller can act on is an *Error with one of a few codes
// (EINVALID, ENOTFOUND, ECONFLICT, EFORBIDDEN, ETOOLARGE, EINTERNAL) and,
// where one input is to blame, the Field that names it.
package entente
