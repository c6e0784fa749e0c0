package http

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/bargain"
)

// TestBargainViewLegacyAndNoDraw: values stated before salts existed give
// the parties no split (any split, with one's own value, gives the
// others' away) and the secretariat the suggestions, whose amendment is
// marked as revealing; a cost whose maxima leave no draw shows no split
// and no amendment to the parties.
func TestBargainViewLegacyAndNoDraw(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	run := firmRunner(t, now)
	s := run(nil, "a", entente.FoundPact{Pact: entente.Pact{ID: "co", Name: "Co", Kind: entente.Coalition}, Founders: []entente.ActorID{"a", "b", "c"}})
	s = run(s, "a", entente.Propose{Matter: entente.RoleMatter, Title: "c keeps the books", Subject: "c", Role: entente.SecretariatRole})
	s = run(s, "a", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	s = run(s, "b", entente.CastVote{Proposal: "p1", Choice: entente.Yes})
	if !s.HasRole("c", entente.SecretariatRole) {
		t.Fatal("c is not the secretariat")
	}
	s = run(s, "a", entente.OpenBargaining{Title: "licence", Parties: []entente.ActorID{"a", "b"}, Total: 10, Resource: "eur_k"})
	b := *s.Bargaining("b1")
	b.Stated = b.Parties
	legacy := map[entente.ActorID]reserved{"a": {Value: 2}, "b": {Value: 3}}
	never := func(bargain.Split, string, []string) ([]float64, error) {
		t.Fatal("drew a split without salts")
		return nil, nil
	}
	party, err := bargainViewOf(s, &b, legacy, &sessionView{Actor: "a"}, never)
	if err != nil || party.Drawn != nil || party.Splits != nil || party.ProposeA != "" || !strings.Contains(party.Hidden, "before sealed splits") {
		t.Errorf("a legacy bargaining as a party sees it: %+v, %v", party, err)
	}
	sec, err := bargainViewOf(s, &b, legacy, &sessionView{Actor: "c"}, never)
	if err != nil || len(sec.Splits) != 2 || !strings.Contains(sec.ProposeA, "Nash split") || !strings.Contains(sec.Adopts, "reveals") {
		t.Errorf("a legacy bargaining as the secretariat sees it: %+v, %v", sec, err)
	}
	salted := map[entente.ActorID]reserved{"a": {2, strings.Repeat("1", 64)}, "b": {3, strings.Repeat("2", 64)}}
	none := func(bargain.Split, string, []string) ([]float64, error) { return nil, bargain.ErrNoDraw }
	party, err = bargainViewOf(s, &b, salted, &sessionView{Actor: "a"}, none)
	if err != nil || party.Drawn != nil || party.ProposeA != "" || !strings.Contains(party.Hidden, "too little room") {
		t.Errorf("no draw, as a party: %+v, %v", party, err)
	}
	broken := func(bargain.Split, string, []string) ([]float64, error) { return nil, errors.New("boom") }
	if _, err := bargainViewOf(s, &b, salted, &sessionView{Actor: "a"}, broken); entente.ErrorCode(err) != entente.EINTERNAL {
		t.Errorf("a failing draw: %v", err)
	}
}
