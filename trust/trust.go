package trust

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/entente/entente"
)

// DefaultHalfLife is how long it takes evidence to lose half its weight
// unless Options says otherwise: a year, so that a pact's last few
// budget cycles dominate and a lapse several years old barely counts.
const DefaultHalfLife = 365 * entente.Day

// Pair is a directed pair of members: how far From (the observer) trusts
// To (the subject).
type Pair struct {
	From entente.ActorID `json:"from"`
	To   entente.ActorID `json:"to"`
}

// MarshalText writes p as "from/to", so that a map keyed by pairs encodes
// as a JSON object; actor IDs never contain a slash.
func (p Pair) MarshalText() ([]byte, error) { return []byte(string(p.From) + "/" + string(p.To)), nil }

// UnmarshalText reads "from/to".
func (p *Pair) UnmarshalText(b []byte) error {
	from, to, ok := strings.Cut(string(b), "/")
	if !ok {
		return fmt.Errorf("trust: expected a pair \"from/to\", got %q", b)
	}
	p.From, p.To = entente.ActorID(from), entente.ActorID(to)
	return nil
}

// Score is one directed trust value with the evidence behind it.
type Score struct {
	// Value is the beta-reputation expectation (r+1)/(r+s+2), in [0, 1];
	// 0.5 when there is no evidence.
	Value float64 `json:"value"`
	// Positive is r, the faded evidence for; Negative is s, against.
	Positive float64 `json:"positive"`
	Negative float64 `json:"negative"`
	// Evidence lists every item that counted, oldest first.
	Evidence []Evidence `json:"evidence"`
}

// Options tunes Compute. The zero Options uses every default.
type Options struct {
	// HalfLife is the age at which evidence weighs half as much:
	// 0 means DefaultHalfLife, a negative value means no fading.
	HalfLife time.Duration `json:"half_life"`
	// Weights are the base weights of each kind of evidence; the zero
	// value means DefaultWeights.
	Weights Weights `json:"weights"`
	// Eigen tunes the EigenTrust iteration.
	Eigen EigenOptions `json:"eigen"`
	// NoEvidence leaves every Score's Evidence empty: the values, the
	// evidence for and against and the ranking are the same, summed in
	// the same order, without keeping the list of items behind each of
	// the n² scores (a simulation computes trust in every pact every
	// year and reads the values alone).
	NoEvidence bool `json:"no_evidence,omitempty"`
	// Table keeps the scores in a table read through Result.Score and
	// leaves Result.Trust nil; it implies NoEvidence. The values are the
	// same to the bit; a caller that reads scores by pair and never lists
	// them (a simulation) is spared a map of n² entries.
	Table bool `json:"table,omitempty"`
	// NoRanking leaves Result.Ranking zero: no EigenTrust iteration, for a
	// caller that reads the pairwise scores alone. The scores are the
	// same.
	NoRanking bool `json:"no_ranking,omitempty"`
}

func (o Options) withDefaults() Options {
	if o.HalfLife == 0 {
		o.HalfLife = DefaultHalfLife
	}
	if o.Weights == (Weights{}) {
		o.Weights = DefaultWeights()
	}
	return o
}

// Result is the trust in a pact at one time.
type Result struct {
	// Now is the time the evidence was aged to.
	Now time.Time `json:"now"`
	// Members are the actors who have ever been members, sorted: both
	// observers and subjects.
	Members []entente.ActorID `json:"members"`
	// Trust holds T[i][j] for every ordered pair of distinct members.
	Trust map[Pair]Score `json:"trust"`
	// Table holds the scores by member index, Table[i*len(Members)+j]
	// being Members[i]'s trust in Members[j] (the diagonal zero), when
	// Options.Table was set; Trust is then nil.
	Table []Score `json:"table,omitempty"`
	// Ranking holds each member's reputation across all observers
	// (EigenTrust over the trust values) and how the iteration went.
	Ranking
}

// Score returns how far observer trusts subject, and false if either is
// not a member or they are the same.
func (r *Result) Score(observer, subject entente.ActorID) (Score, bool) {
	if r.Table != nil {
		i, ok1 := slices.BinarySearch(r.Members, observer)
		j, ok2 := slices.BinarySearch(r.Members, subject)
		if !ok1 || !ok2 || i == j {
			return Score{}, false
		}
		return r.Table[i*len(r.Members)+j], true
	}
	sc, ok := r.Trust[Pair{From: observer, To: subject}]
	return sc, ok
}

// Compute returns the directed trust between every two members of the pact
// s as its record stands at now, and each member's reputation. Evidence
// dated after now is left out, so now should be no earlier than the last
// event folded into s. s is read, never changed.
func Compute(s *entente.PactState, now time.Time, opts Options) *Result {
	o := opts.withDefaults()
	members := memberIDs(s)
	index := make(map[entente.ActorID]int, len(members))
	for i, id := range members {
		index[id] = i
	}
	f := fader{now: now, halfLife: o.HalfLife}
	res := &Result{Now: now, Members: members}
	if !o.Table {
		res.Trust = make(map[Pair]Score, len(members)*len(members))
	}
	if s == nil {
		res.Ranking = eigenTrust(nil, nil, o.Eigen)
		return res
	}
	if o.Table {
		n := len(members)
		r, sm := sums(s, index, f, o.Weights)
		res.Table = make([]Score, n*n)
		local := make([]float64, n*n)
		for k := range local {
			if k/n != k%n {
				sc := Score{Value: BetaMean(r[k], sm[k]), Positive: r[k], Negative: sm[k]}
				res.Table[k], local[k] = sc, sc.Value
			}
		}
		if !o.NoRanking {
			res.Ranking = eigenTrust(members, local, o.Eigen)
		}
		return res
	}
	public := publicEvidence(s, index, f, o.Weights)
	pw := pairwiseEvidence(s, index, f, o.Weights)
	n := len(members)
	local := make([]float64, n*n)
	for i := range n {
		for j := range n {
			if i == j {
				continue
			}
			var sc Score
			if o.NoEvidence {
				sc = scoreMerged(public[j], pw.get(i, j))
			} else {
				sc = score(mergeEvidence(public[j], pw.get(i, j)))
			}
			res.Trust[Pair{From: members[i], To: members[j]}] = sc
			local[i*n+j] = sc.Value
		}
	}
	if !o.NoRanking {
		res.Ranking = eigenTrust(members, local, o.Eigen)
	}
	return res
}

// score sums the evidence into a beta-reputation score (Jøsang and Ismail
// 2002): r and s are the evidence for and against, and the trust value is
// the mean of Beta(r+1, s+1).
func score(evidence []Evidence) Score {
	var r, s float64
	for _, e := range evidence {
		r += e.For
		s += e.Against
	}
	return Score{Value: BetaMean(r, s), Positive: r, Negative: s, Evidence: evidence}
}

// scoreMerged is score(mergeEvidence(a, b)) without the list: the
// evidence is summed in the order the merge would list it, so the sums are
// the same to the last bit.
func scoreMerged(a, b []Evidence) Score {
	var r, s float64
	add := func(e Evidence) {
		r += e.For
		s += e.Against
	}
	for len(a) > 0 && len(b) > 0 {
		if compareEvidence(b[0], a[0]) < 0 {
			add(b[0])
			b = b[1:]
		} else {
			add(a[0])
			a = a[1:]
		}
	}
	for _, e := range a {
		add(e)
	}
	for _, e := range b {
		add(e)
	}
	return Score{Value: BetaMean(r, s), Positive: r, Negative: s}
}

// BetaMean returns (r+1)/(r+s+2), the expected value of the Beta(r+1, s+1)
// distribution that Jøsang and Ismail's beta reputation system holds after
// r positive and s negative observations from a uniform prior.
func BetaMean(r, s float64) float64 { return (r + 1) / (r + s + 2) }

// memberIDs returns the actors who have ever been members of s (at least
// one tenure), sorted. Applicants never admitted are not members and
// cannot have made commitments or voted.
func memberIDs(s *entente.PactState) []entente.ActorID {
	if s == nil {
		return nil
	}
	var ids []entente.ActorID
	for id, m := range s.Members.All() {
		if len(m.Tenures) > 0 {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}
