package panel

import (
	"compress/gzip"
	"encoding/csv"
	"io"
	"math"
	"os"
	"strconv"
	"sync"
	"testing"

	"github.com/entente/entente/dataset/unvotes"
	"github.com/entente/entente/fpsim"
	"github.com/entente/entente/internal/sharedata"
)

// refVotes is a plain reading of the unvotes CSV files with the standard
// library, independent of packages unvotes and fpsim: per roll call its
// session, and per country name its vote word.
type refVotes struct {
	session map[string]int               // rcid -> session
	votes   map[string]map[string]string // rcid -> country name -> yes, no or abstain
}

var loadRef = sync.OnceValues(func() (*refVotes, error) {
	dir := sharedata.Root() + "/unga_votes_voeten/"
	ref := &refVotes{session: map[string]int{}, votes: map[string]map[string]string{}}
	f, err := os.Open(dir + "un_roll_calls.csv")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rc := csv.NewReader(f)
	rc.Read()
	for {
		rec, err := rc.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		s, err := strconv.Atoi(rec[1])
		if err != nil {
			return nil, err
		}
		ref.session[rec[0]] = s
	}
	g, err := os.Open(dir + "un_votes.csv.gz")
	if err != nil {
		return nil, err
	}
	defer g.Close()
	zr, err := gzip.NewReader(g)
	if err != nil {
		return nil, err
	}
	vr := csv.NewReader(zr)
	vr.Read()
	for {
		rec, err := vr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if ref.votes[rec[0]] == nil {
			ref.votes[rec[0]] = map[string]string{}
		}
		ref.votes[rec[0]][rec[1]] = rec[3]
	}
	return ref, nil
})

// agreement is the reference computation of a dyad's agreement in a
// session: over the session's roll calls (contested only, if asked: more
// than one distinct vote among all countries' votes), those both
// countries voted yes, no or abstain on; agree counts identical votes,
// half counts a yes or no against an abstention as one half.
func (r *refVotes) agreement(a, b string, session int, contested bool) (n int, agree, half float64) {
	var same, halves int
	for rcid, s := range r.session {
		if s != session {
			continue
		}
		vs := r.votes[rcid]
		if contested {
			kinds := map[string]bool{}
			for _, v := range vs {
				kinds[v] = true
			}
			if len(kinds) < 2 {
				continue
			}
		}
		va, okA := vs[a]
		vb, okB := vs[b]
		if !okA || !okB {
			continue
		}
		n++
		switch {
		case va == vb:
			same++
		case va == "abstain" || vb == "abstain":
			halves++
		}
	}
	return n, float64(same) / float64(n), (float64(same) + float64(halves)/2) / float64(n)
}

// sessionCase is a named country-session with its agreement over
// contested roll calls, computed independently (see TestSessionAgreement).
type sessionCase struct {
	a, b           string // names in un_votes.csv
	ca, cb         int    // COW codes
	session        int
	n              int32
	agree, halfAgr float64
}

// The pinned figures below were computed by refVotes.agreement (a plain
// loop over the CSV files, not Entente's code) and are rounded to four
// decimals: the tolerance is 5e-5. No published country-session figure
// was found in stored copies of Voeten's documentation or Bailey,
// Strezhnev and Voeten (2017); see TestSessionAgreement. The State
// Department's published coincidence with the United States is compared
// in TestSessionAgreementStateDepartment (statedept_test.go).
var sessionCases = []sessionCase{
	{"United States", "United Kingdom", 2, 200, 6, 25, 0.7200, 0.8600},
	{"United States", "Russia", 2, 365, 6, 25, 0.1200, 0.2200},
	{"United States", "United Kingdom", 2, 200, 40, 151, 0.6225, 0.7649},
	{"United States", "Russia", 2, 365, 40, 151, 0.1126, 0.2583},
	{"Brazil", "China", 140, 710, 40, 146, 0.8973, 0.9486},
	{"France", "India", 220, 750, 45, 83, 0.3494, 0.5361},
	{"United States", "Cuba", 2, 40, 60, 96, 0.0625, 0.1615},
	{"United States", "Israel", 2, 666, 74, 89, 0.9438, 0.9607},
}

// TestSessionAgreement checks session agreement over contested roll
// calls (VoteSession with Contested) against the reference computation
// for named dyads and sessions, and pins the figures.
func TestSessionAgreement(t *testing.T) {
	m := votes(t)
	ref, err := loadRef()
	if err != nil {
		t.Fatal(err)
	}
	type dyad struct {
		a, b   string
		ca, cb int
	}
	dyads := []dyad{{"United States", "United Kingdom", 2, 200}, {"United States", "Russia", 2, 365},
		{"United States", "Israel", 2, 666}, {"France", "India", 220, 750}, {"Brazil", "China", 140, 710}, {"United States", "Cuba", 2, 40}}
	for _, session := range []int{6, 20, 40, 45, 60, 74} {
		for _, contested := range []bool{true, false} {
			keep := Contested
			if !contested {
				keep = nil
			}
			vm, codes, err := VoteSession(m, session, keep)
			if err != nil {
				t.Fatal(err)
			}
			idx := map[int]int{}
			for i, c := range codes {
				idx[c] = i
			}
			for _, d := range dyads {
				n, agree, half := ref.agreement(d.a, d.b, session, contested)
				i, okA := idx[d.ca]
				j, okB := idx[d.cb]
				if !okA || !okB {
					if n > 0 {
						t.Errorf("%s-%s session %d: %d common roll calls in the reference, none here", d.a, d.b, session, n)
					}
					continue
				}
				got := vm.Dyad(i, j)
				if int(got.N) != n || math.Abs(got.Agree-agree) > 1e-12 || math.Abs(got.AgreeHalf-half) > 1e-12 {
					t.Errorf("%s-%s session %d contested=%v: n %d agree %.4f half %.4f; reference n %d agree %.4f half %.4f",
						d.a, d.b, session, contested, got.N, got.Agree, got.AgreeHalf, n, agree, half)
				}
			}
		}
	}
	for _, c := range sessionCases {
		vm, codes, err := VoteSession(m, c.session, Contested)
		if err != nil {
			t.Fatal(err)
		}
		var i, j int = -1, -1
		for k, code := range codes {
			if code == c.ca {
				i = k
			}
			if code == c.cb {
				j = k
			}
		}
		if i < 0 || j < 0 {
			t.Errorf("%s-%s session %d: a country has no vote", c.a, c.b, c.session)
			continue
		}
		got := vm.Dyad(i, j)
		if got.N != c.n || math.Abs(got.Agree-c.agree) > 5e-5 || math.Abs(got.AgreeHalf-c.halfAgr) > 5e-5 {
			t.Errorf("%s-%s session %d: n %d agree %.4f half %.4f, pinned n %d agree %.4f half %.4f",
				c.a, c.b, c.session, got.N, got.Agree, got.AgreeHalf, c.n, c.agree, c.halfAgr)
		}
	}
}

// TestSessionsStraddleYears checks the fact that makes session grouping
// matter: 21 of session 6's 25 roll calls fell in 1952, and the session's
// figures differ from both calendar years'.
func TestSessionsStraddleYears(t *testing.T) {
	m := votes(t)
	rows := m.SessionRollCalls(6)
	in1952 := 0
	for _, r := range rows {
		if m.RollCalls[r].Date.Year == 1952 {
			in1952++
		}
	}
	if len(rows) != 25 || in1952 != 21 {
		t.Errorf("session 6: %d roll calls, %d in 1952; want 25 and 21", len(rows), in1952)
	}
	if got := m.Sessions(); len(got) != 74 || got[0] != 1 || got[73] != 74 {
		t.Errorf("sessions %v", got)
	}
	// Every roll call is in exactly one session.
	total := 0
	for _, s := range m.Sessions() {
		total += len(m.SessionRollCalls(s))
	}
	if total != m.NumRollCalls() {
		t.Errorf("%d roll calls in sessions, %d in all", total, m.NumRollCalls())
	}
}

// TestContestedMatchesTally checks Contested against a count of the
// distinct votes in each roll call's column, and that leaving out the
// unanimous roll calls changes session 40's size as expected.
func TestContestedMatchesTally(t *testing.T) {
	m := votes(t)
	var col []unvotes.Vote
	unanimous := 0
	for r := range m.RollCalls {
		col = m.RollCallVotes(col[:0], r)
		kinds := map[unvotes.Vote]bool{}
		for _, v := range col {
			if v.Cast() {
				kinds[v] = true
			}
		}
		if Contested(&m.RollCalls[r]) != (len(kinds) > 1) {
			t.Fatalf("roll call %d: Contested %v with %d distinct votes", m.RollCalls[r].RCID, Contested(&m.RollCalls[r]), len(kinds))
		}
		if len(kinds) <= 1 {
			unanimous++
		}
	}
	if unanimous == 0 {
		t.Error("no unanimous roll call in the data")
	}
	t.Logf("%d of %d roll calls are unanimous", unanimous, m.NumRollCalls())
}

// TestSessionAgreementAcrossSources computes session agreement from
// Voeten's raw file (UNVotesPublished_2016, sessions 1-70, absences coded
// 8) and from the unvotes tables (absences dropped). Where a session has
// the same roll calls in both, the contested roll calls and the scores
// must be the same. The later unvotes release added roll calls to recent
// sessions (session 60: 101 roll calls against 74), so those differ.
func TestSessionAgreementAcrossSources(t *testing.T) {
	m := votes(t)
	raw, err := unvotes.LoadVoeten(sharedata.Path(t, "unga_votes_voeten/UNVotesPublished_2016.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	pairs := [][2]int{{2, 200}, {2, 365}, {220, 750}, {2, 40}, {2, 20}, {200, 220}}
	same := 0
	for s := 1; s <= 70; s++ {
		if !sameRollCalls(m, raw, s) {
			continue
		}
		same++
		a, ca, err := VoteSession(m, s, Contested)
		if err != nil {
			t.Fatal(err)
		}
		b, cb, err := VoteSession(raw, s, Contested)
		if err != nil {
			t.Fatal(err)
		}
		if a.Calls() != b.Calls() {
			t.Errorf("session %d: %d contested roll calls in unvotes, %d in Voeten's file", s, a.Calls(), b.Calls())
		}
		for _, p := range pairs {
			da, db := dyadOf(a, ca, p), dyadOf(b, cb, p)
			if da.N != db.N || math.Abs(da.Agree-db.Agree) > 1e-12 || math.Abs(da.AgreeHalf-db.AgreeHalf) > 1e-12 {
				t.Errorf("session %d %v: unvotes n %d agree %.4f; Voeten's file n %d agree %.4f", s, p, da.N, da.Agree, db.N, db.Agree)
			}
		}
	}
	if same < 30 {
		t.Errorf("only %d sessions have the same roll calls in both sources", same)
	}
	t.Logf("%d of 70 sessions have the same roll calls in both sources", same)
}

// sameRollCalls reports whether session s has the same roll-call ids in
// both matrices.
func sameRollCalls(a, b *unvotes.Matrix, s int) bool {
	ra, rb := a.SessionRollCalls(s), b.SessionRollCalls(s)
	if len(ra) != len(rb) {
		return false
	}
	ids := map[int]bool{}
	for _, r := range ra {
		ids[a.RollCalls[r].RCID] = true
	}
	for _, r := range rb {
		if !ids[b.RollCalls[r].RCID] {
			return false
		}
	}
	return true
}

func dyadOf(vm *fpsim.VoteMatrix, codes []int, p [2]int) fpsim.VoteDyad {
	i, j := -1, -1
	for k, c := range codes {
		if c == p[0] {
			i = k
		}
		if c == p[1] {
			j = k
		}
	}
	if i < 0 || j < 0 {
		return fpsim.VoteDyad{}
	}
	return vm.Dyad(i, j)
}
