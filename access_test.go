package entente_test

import (
	"testing"

	"github.com/entente/entente"
)

func TestRolesAreGrantedByThePactsRule(t *testing.T) {
	w := newWorld(t, "a", "b", "sec", "aud")
	found(w, entente.Coalition, entente.Agreement{}, "a", "b")
	w.must("a", entente.Propose{Matter: entente.RoleMatter, Title: "Secretariat", Subject: "sec", Role: entente.SecretariatRole})
	if w.state.HasRole("sec", entente.SecretariatRole) {
		t.Fatal("role granted before the vote")
	}
	w.must("a", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	w.must("b", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	if !w.state.HasRole("sec", entente.SecretariatRole) {
		t.Fatalf("roles after adoption: %v", w.state.Roles)
	}
	w.mustFail("a", entente.Propose{Matter: entente.RoleMatter, Title: "Again", Subject: "sec", Role: entente.SecretariatRole}, entente.ECONFLICT)
	w.mustFail("a", entente.Propose{Matter: entente.RoleMatter, Title: "King", Subject: "sec", Role: "king"}, entente.EINVALID)
	w.must("b", entente.Propose{Matter: entente.RoleMatter, Title: "Withdraw", Subject: "sec", Role: entente.SecretariatRole, Revoke: true})
	w.must("a", entente.CastVote{Proposal: "p2", Choice: entente.Yes})
	w.must("b", entente.CastVote{Proposal: "p2", Choice: entente.Yes})
	if w.state.HasRole("sec", entente.SecretariatRole) {
		t.Errorf("role not withdrawn: %v", w.state.Roles)
	}
	if _, err := entente.Fold(w.log); err != nil {
		t.Errorf("the log does not replay: %v", err)
	}
}

// readersWorld is a members-only coalition of a, b and c with an
// observer obs, an auditor aud, a dispute d1 of a against b mediated by
// med, and an outsider out.
func readersWorld(t *testing.T) *world {
	t.Helper()
	w := newWorld(t, "a", "b", "c", "obs", "aud", "med", "out")
	found(w, entente.Coalition, entente.Agreement{}, "a", "b", "c")
	w.state.Pact.Visibility = entente.MembersOnly
	for _, g := range []struct {
		who  entente.ActorID
		role entente.Role
	}{{"obs", entente.ObserverRole}, {"aud", entente.AuditorRole}} {
		w.must("a", entente.Propose{Matter: entente.RoleMatter, Title: "role", Subject: g.who, Role: g.role})
		p := w.state.Proposals.Last().ID
		w.must("a", entente.CastVote{Proposal: p, Choice: entente.Yes})
		w.must("b", entente.CastVote{Proposal: p, Choice: entente.Yes})
	}
	w.must("a", entente.RaiseDispute{Against: []entente.ActorID{"b"}, Subject: "s"})
	w.must("a", entente.AppointNeutral{Dispute: "d1", Role: entente.MediatorRole, Actor: "med"})
	return w
}

func TestWhoMayReadWhat(t *testing.T) {
	w := readersWorld(t)
	dispute := entente.Event{Data: entente.DisputeOpened{Dispute: *w.state.Dispute("d1")}}
	plain := entente.Event{Data: entente.VoteCast{}}
	with := func(e entente.Event, c entente.Classification) entente.Event { e.Class = c; return e }
	for _, tc := range []struct {
		name   string
		ev     entente.Event
		reader entente.ActorID
		want   bool
	}{
		{"anonymous, members-only pact", plain, "", false},
		{"outsider, members-only pact", plain, "out", false},
		{"member", plain, "c", true},
		{"observer", plain, "obs", true},
		{"mediator", plain, "med", true},
		{"anonymous, public entry", with(plain, entente.ClassPublic), "", true},
		{"member, parties entry", with(dispute, entente.ClassParties), "c", false},
		{"party, parties entry", with(dispute, entente.ClassParties), "b", true},
		{"mediator, parties entry", with(dispute, entente.ClassParties), "med", true},
		{"observer, parties entry", with(dispute, entente.ClassParties), "obs", false},
		{"auditor, parties entry", with(dispute, entente.ClassParties), "aud", true},
		{"member, auditor-only entry", with(plain, "role:auditor"), "a", false},
		{"auditor, auditor-only entry", with(plain, "role:auditor"), "aud", true},
		{"observer, members entry", with(plain, entente.ClassMembers), "obs", true},
		{"mediator, members entry", with(plain, entente.ClassMembers), "med", false},
	} {
		if got := w.state.CanRead(tc.reader, tc.ev); got != tc.want {
			t.Errorf("%s: CanRead = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestClassificationOfARequest(t *testing.T) {
	for _, c := range []entente.Classification{"", "public", "members", "parties", "role:auditor"} {
		if err := c.Validate(); err != nil {
			t.Errorf("%q: %v", c, err)
		}
	}
	for _, c := range []entente.Classification{"secret", "role:king", "Members"} {
		if err := c.Validate(); err == nil {
			t.Errorf("%q accepted", c)
		}
	}
}

func TestFreeTextIsBounded(t *testing.T) {
	w := newWorld(t, "a", "b")
	found(w, entente.Coalition, entente.Agreement{}, "a", "b")
	long := make([]byte, 301)
	for i := range long {
		long[i] = 'x'
	}
	w.mustFail("a", entente.Propose{Matter: entente.General, Title: string(long)}, entente.ETOOLARGE)
	w.mustFail("a", entente.Pledge{Resource: string(long), Amount: 1, Due: t0.Add(entente.Day)}, entente.ETOOLARGE)
	w.must("a", entente.Propose{Matter: entente.General, Title: string(long[:300])})
}

// FuzzParsePeriod: whatever ParsePeriod accepts is a non-negative period
// that prints and parses back to itself.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"30d", "2w", "6m", "1y", "0d", "-1d", "1e9y", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := entente.ParsePeriod(s)
		if err != nil {
			return
		}
		if p < 0 {
			t.Fatalf("ParsePeriod(%q) = %v, negative", s, p)
		}
		again, err := entente.ParsePeriod(p.String())
		if err != nil || again != p {
			t.Fatalf("ParsePeriod(%q) = %v, which prints as %q and parses as %v, %v", s, p, p.String(), again, err)
		}
	})
}

func TestWhoMayCoversEveryCommand(t *testing.T) {
	for _, name := range entente.CommandNames() {
		if entente.WhoMay[name] == "" {
			t.Errorf("command %s has no entry in WhoMay", name)
		}
	}
	if len(entente.WhoMay) != len(entente.CommandNames()) {
		t.Errorf("WhoMay has %d entries for %d commands", len(entente.WhoMay), len(entente.CommandNames()))
	}
}

func TestSecretariatRecordsProgressWithoutBeingAMember(t *testing.T) {
	w := newWorld(t, "a", "b", "sec", "out")
	found(w, entente.Coalition, entente.Agreement{}, "a", "b")
	w.mustFail("sec", entente.SetObjective{Metric: "m", Target: 10}, entente.EFORBIDDEN)
	w.must("a", entente.Propose{Matter: entente.RoleMatter, Title: "Secretariat", Subject: "sec", Role: entente.SecretariatRole})
	w.must("a", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	w.must("b", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	w.must("sec", entente.SetObjective{Metric: "m", Target: 10})
	w.must("sec", entente.ReportProgress{Objective: "o1", Value: 4})
	w.mustFail("out", entente.ReportProgress{Objective: "o1", Value: 9}, entente.EFORBIDDEN)
	w.mustFail("sec", entente.Pledge{Resource: "eur", Amount: 1, Due: t0.Add(entente.Day)}, entente.EFORBIDDEN)
}
