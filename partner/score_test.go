package partner_test

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente/entente"
	"github.com/entente/entente/partner"
)

func TestMissingCultureIsUnknownAndReweights(t *testing.T) {
	culture := &entente.Culture{PowerDistance: f(40), Individualism: f(60)}
	u := &entente.Actor{ID: "u", Capabilities: map[string]float64{"tech": 50}, Culture: culture}
	known := &entente.Actor{ID: "known", Capabilities: map[string]float64{"tech": 50},
		Culture: &entente.Culture{PowerDistance: f(50), Individualism: f(60)}}
	blank := &entente.Actor{ID: "blank", Capabilities: map[string]float64{"tech": 50}}
	opts := partner.Options{PowerMeasure: "tech",
		CultureVariance: &entente.Culture{PowerDistance: f(100), Individualism: f(100)}}
	got := partner.Rank(u, []*entente.Actor{known, blank}, partner.Objective{"tech": 150}, opts)
	byID := map[entente.ActorID]partner.Candidate{}
	for _, c := range got {
		byID[c.ID] = c
	}
	b := byID["blank"]
	p := b.Part(partner.PartCulture)
	if p.Known || !math.IsNaN(p.Raw) || !math.IsNaN(p.Normalised) || p.Share != 0 || p.Contribution != 0 {
		t.Fatalf("culture of an actor without scores: %+v, want unknown", p)
	}
	if !slices.Contains(b.Unknown, partner.PartCulture) {
		t.Errorf("unknown parts %v do not list culture", b.Unknown)
	}
	// Known parts of blank: complementarity 50/100 = 0.5, reputation 0.5,
	// autonomy 1 − cost(50/100) = 1; alignment and threats are unknown too.
	// Re-weighted over the known weights 0.30 + 0.15 + 0.15 = 0.60:
	//   (0.30·0.5 + 0.15·0.5 + 0.15·1) / 0.60 = 0.375/0.60 = 0.625
	checkNear(t, "blank score", b.Score, 0.625)
	var shares float64
	for _, p := range b.Parts {
		shares += p.Share
	}
	checkNear(t, "sum of shares", shares, 1)
	// Had culture counted as 0, the score would be 0.375/0.70.
	if b.Score <= 0.375/0.70 {
		t.Errorf("score %v: the missing culture counted as zero", b.Score)
	}

	// The candidate with scores: KS = ((50 − 40)²/100 + 0)/2 = 0.5,
	// normalised 1/(1 + 0.5) = 2/3; with culture's weight 0.10 the known
	// weights are 0.70: (0.375 + 0.10·2/3)/0.70.
	k := byID["known"]
	checkNear(t, "known culture", k.Part(partner.PartCulture).Normalised, 2.0/3)
	checkNear(t, "known score", k.Score, (0.375+0.10*2/3)/0.70)

	// An actor without culture scores makes culture unknown for everyone.
	u2 := *u
	u2.Culture = nil
	for _, c := range partner.Rank(&u2, []*entente.Actor{known, blank}, partner.Objective{"tech": 150}, opts) {
		if c.Part(partner.PartCulture).Known {
			t.Errorf("%s: culture known though the actor has no scores", c.ID)
		}
	}
}

func TestEveryPartListedWithItsWorking(t *testing.T) {
	u := &entente.Actor{ID: "u", Capabilities: map[string]float64{"tech": 10}}
	got := partner.Rank(u, []*entente.Actor{{ID: "a"}}, partner.Objective{"tech": 20}, partner.Options{})
	var names []partner.PartName
	for _, p := range got[0].Parts {
		names = append(names, p.Name)
		if p.Note == "" {
			t.Errorf("%s has no note", p.Name)
		}
		if p.Weight != partner.DefaultWeights().Get(p.Name) {
			t.Errorf("%s weight %v", p.Name, p.Weight)
		}
	}
	if !slices.Equal(names, partner.PartNames) {
		t.Errorf("parts %v, want %v", names, partner.PartNames)
	}
	// a has no capabilities, positions, culture or rivalry data: only the
	// neutral reputation is known, and it makes the whole score.
	if got[0].Score != 0.5 || len(got[0].Unknown) != 5 {
		t.Errorf("score %v with unknown %v", got[0].Score, got[0].Unknown)
	}
}

func TestRankingDeterministicTiesByID(t *testing.T) {
	u := &entente.Actor{ID: "u", Capabilities: map[string]float64{"tech": 0}}
	mk := func(id string, tech float64) *entente.Actor {
		return &entente.Actor{ID: entente.ActorID(id), Capabilities: map[string]float64{"tech": tech}}
	}
	pool := []*entente.Actor{mk("delta", 5), mk("bravo", 5), mk("alpha", 5), mk("charlie", 9), mk("echo", 1), u, mk("alpha", 100)}
	obj := partner.Objective{"tech": 10}
	first := partner.Rank(u, pool, obj, partner.Options{})
	var ids []entente.ActorID
	for i, c := range first {
		ids = append(ids, c.ID)
		if c.Rank != i+1 {
			t.Errorf("%s has rank %d at place %d", c.ID, c.Rank, i+1)
		}
	}
	// u itself is no candidate and the second "alpha" is a duplicate.
	want := []entente.ActorID{"charlie", "alpha", "bravo", "delta", "echo"}
	if !slices.Equal(ids, want) {
		t.Errorf("order %v, want %v", ids, want)
	}
	for range 5 {
		shuffled := slices.Clone(pool[:6])
		slices.Reverse(shuffled)
		again := partner.Rank(u, append(shuffled, pool[6]), obj, partner.Options{})
		var got []entente.ActorID
		for _, c := range again {
			got = append(got, c.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("order after reordering the pool %v, want %v", got, want)
		}
	}
	if got := partner.Rank(u, pool, obj, partner.Options{Limit: 2}); len(got) != 2 || got[1].ID != "alpha" {
		t.Errorf("limit 2: %v", got)
	}
}

func TestVoteAgreementOverridesPositions(t *testing.T) {
	u := &entente.Actor{ID: "u", Positions: map[string]float64{"trade": 1}}
	a := &entente.Actor{ID: "a", Positions: map[string]float64{"trade": -1}}
	b := &entente.Actor{ID: "b"}
	got := partner.Rank(u, []*entente.Actor{a, b}, nil, partner.Options{VoteAgreement: map[entente.ActorID]float64{"b": 0.9}})
	byID := map[entente.ActorID]partner.Part{}
	for _, c := range got {
		byID[c.ID] = c.Part(partner.PartAlignment)
	}
	if p := byID["b"]; !p.Known || p.Raw != 0.9 || !strings.Contains(p.Note, "UN-vote") {
		t.Errorf("b: %+v", p)
	}
	// a sits at the other end of the one issue: distance 1, alignment 0.
	if p := byID["a"]; !p.Known || p.Normalised != 0 {
		t.Errorf("a: %+v", p)
	}
}

func TestSuggestTreatsMembersAsOneActor(t *testing.T) {
	st := &entente.PactState{Pact: entente.Pact{ID: "jv", Name: "JV", Agreement: entente.Agreement{PowerMeasure: "economic"}},
		Members: entente.ActorMapOf(map[entente.ActorID]*entente.Membership{
			"m1":   {Member: "m1", Status: entente.Active},
			"m2":   {Member: "m2", Status: entente.Active},
			"gone": {Member: "gone", Status: entente.Former},
		})}
	actors := []*entente.Actor{
		{ID: "m1", Capabilities: map[string]float64{"economic": 100, "tech": 20}, Positions: map[string]float64{"x": 0}},
		{ID: "m2", Capabilities: map[string]float64{"economic": 100, "tech": 10}, Positions: map[string]float64{"x": 10}},
		{ID: "gone", Capabilities: map[string]float64{"economic": 50, "tech": 40}, Positions: map[string]float64{"x": 5}},
		{ID: "big", Capabilities: map[string]float64{"economic": 600, "tech": 5}, Positions: map[string]float64{"x": 10}},
	}
	got := partner.Suggest(st, actors, partner.Objective{"tech": 50}, partner.Options{})
	var ids []entente.ActorID
	for _, c := range got {
		ids = append(ids, c.ID)
	}
	if !slices.Equal(ids, []entente.ActorID{"gone", "big"}) {
		t.Fatalf("candidates %v, want the former member then big", ids)
	}
	// Members hold tech 20 + 10 = 30 of 50: gap 20. gone fills 20 (1.0),
	// big fills 5 (0.25).
	checkNear(t, "gone complementarity", got[0].Part(partner.PartComplementarity).Raw, 1)
	checkNear(t, "big complementarity", got[1].Part(partner.PartComplementarity).Raw, 0.25)
	// Autonomy on the agreement's power measure: members' economic 200,
	// big's 600: share 0.75, cost 0.5.
	checkNear(t, "big autonomy", got[1].Part(partner.PartAutonomy).Normalised, 0.5)
	// Positions averaged: (0 + 10)/2 = 5, which is gone's: alignment 1.
	checkNear(t, "gone alignment", got[0].Part(partner.PartAlignment).Normalised, 1)
}

func TestCandidateJSONWritesUnknownAsNull(t *testing.T) {
	got := partner.Rank(&entente.Actor{ID: "u"}, []*entente.Actor{{ID: "a"}}, nil, partner.Options{})
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var back []struct {
		Score float64 `json:"score"`
		Parts []struct {
			Name  string   `json:"name"`
			Known bool     `json:"known"`
			Raw   *float64 `json:"raw"`
		} `json:"parts"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	for _, p := range back[0].Parts {
		if p.Known != (p.Raw != nil) {
			t.Errorf("%s: known %v with raw %v", p.Name, p.Known, p.Raw)
		}
	}
	if back[0].Score != 0.5 {
		t.Errorf("score %v", back[0].Score)
	}
}

func TestParseObjectiveAndWeights(t *testing.T) {
	o, err := partner.ParseObjective("technology=200, staff=50")
	if err != nil || o["technology"] != 200 || o["staff"] != 50 || o.String() != "staff=50,technology=200" {
		t.Errorf("objective %v, %v", o, err)
	}
	for _, bad := range []string{"", "technology", "technology=-1", "technology=x", "a=1,a=2", "=3"} {
		if _, err := partner.ParseObjective(bad); err == nil {
			t.Errorf("objective %q accepted", bad)
		}
	}
	w, err := partner.ParseWeights("culture=0,complementarity=0.5", partner.DefaultWeights())
	want := partner.DefaultWeights()
	want.Culture, want.Complementarity = 0, 0.5
	if err != nil || w != want {
		t.Errorf("weights %+v, %v", w, err)
	}
	for _, bad := range []string{"luck=1", "culture=-1", "culture", "complementarity=0,alignment=0,reputation=0,culture=0,threats=0,autonomy=0"} {
		if _, err := partner.ParseWeights(bad, partner.DefaultWeights()); err == nil {
			t.Errorf("weights %q accepted", bad)
		}
	}
}

func TestReputationFromPacts(t *testing.T) {
	t0 := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	member := func(id entente.ActorID) *entente.Membership {
		return &entente.Membership{Member: id, Status: entente.Active, Joined: t0, Tenures: []entente.Tenure{{From: t0}}}
	}
	kept := &entente.Commitment{ID: "c1", Member: "a", Resource: "eur", Amount: 10, Due: t0.Add(10 * entente.Day),
		Made: t0, Delivered: 10, FulfilledAt: t0.Add(5 * entente.Day)}
	p := &entente.PactState{Pact: entente.Pact{ID: "p"}, Founded: t0,
		Members:     entente.ActorMapOf(map[entente.ActorID]*entente.Membership{"a": member("a"), "b": member("b"), "c": member("c")}),
		Commitments: entente.ListOf(kept)}
	now := t0.Add(10 * entente.Day)
	rep := partner.ReputationFromPacts([]*entente.PactState{p}, now, trustNoFading())
	// a kept one commitment: each observer holds r = 1, s = 0, so trust
	// (1 + 1)/(1 + 0 + 2) = 2/3. b and c have no record: 0.5.
	checkNear(t, "a", rep["a"], 2.0/3)
	checkNear(t, "b", rep["b"], 0.5)
	if _, ok := rep["z"]; ok {
		t.Error("an actor in no pact has a reputation")
	}
}

func TestSuggestIsPure(t *testing.T) {
	st := &entente.PactState{Pact: entente.Pact{ID: "p"}, Members: entente.ActorMapOf(map[entente.ActorID]*entente.Membership{"m": {Member: "m", Status: entente.Active}})}
	actors := []*entente.Actor{{ID: "m", Capabilities: map[string]float64{"x": 1}}, {ID: "a", Capabilities: map[string]float64{"x": 3}}}
	before := cloneActors(actors)
	one := partner.Suggest(st, actors, partner.Objective{"x": 5}, partner.Options{})
	two := partner.Suggest(st, actors, partner.Objective{"x": 5}, partner.Options{})
	if diff := cmp.Diff(one, two, cmpopts.EquateNaNs()); diff != "" {
		t.Errorf("two runs differ:\n%s", diff)
	}
	if diff := cmp.Diff(before, actors); diff != "" {
		t.Errorf("Suggest changed its input:\n%s", diff)
	}
}

func cloneActors(as []*entente.Actor) []*entente.Actor {
	var out []*entente.Actor
	for _, a := range as {
		c := *a
		c.Capabilities = map[string]float64{}
		for k, v := range a.Capabilities {
			c.Capabilities[k] = v
		}
		out = append(out, &c)
	}
	return out
}
