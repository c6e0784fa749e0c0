package partner

import (
	"cmp"
	"encoding/json"
	"math"
	"slices"

	"github.com/entente/entente"
)

// Part is one part of a candidate's score, with the working: the raw value
// on its own scale, the value normalised to [0, 1] (higher is better), the
// configured weight, the share of the score that weight came to after the
// unknown parts were left out, and the contribution Share × Normalised.
// An unknown part (Known false) has NaN Raw and Normalised (null in JSON),
// Share and Contribution 0, and a Note saying what was missing: it is left
// out of the score, never counted as zero.
type Part struct {
	Name         PartName `json:"name"`
	Known        bool     `json:"known"`
	Raw          float64  `json:"raw"`
	Normalised   float64  `json:"normalised"`
	Weight       float64  `json:"weight"`
	Share        float64  `json:"share"`
	Contribution float64  `json:"contribution"`
	Note         string   `json:"note,omitempty"`
}

// MarshalJSON writes NaN figures as null.
func (p Part) MarshalJSON() ([]byte, error) {
	type plain struct {
		Name         PartName `json:"name"`
		Known        bool     `json:"known"`
		Raw          *float64 `json:"raw"`
		Normalised   *float64 `json:"normalised"`
		Weight       float64  `json:"weight"`
		Share        float64  `json:"share"`
		Contribution float64  `json:"contribution"`
		Note         string   `json:"note,omitempty"`
	}
	return json.Marshal(plain{p.Name, p.Known, finite(p.Raw), finite(p.Normalised), p.Weight, p.Share, p.Contribution, p.Note})
}

// Candidate is one ranked candidate partner: its score, the parts it is
// made of (all six, in PartNames order) and the parts that were unknown.
type Candidate struct {
	ID   entente.ActorID `json:"id"`
	Name string          `json:"name"`
	// Rank is the candidate's place, from 1; ties on Score are broken by
	// ID.
	Rank int `json:"rank"`
	// Score is Σ Contribution over the known parts: the weighted mean of
	// their normalised values, in [0, 1]. NaN (null in JSON) only when no
	// part with a positive weight is known.
	Score float64 `json:"score"`
	Parts []Part  `json:"parts"`
	// Unknown lists the parts left out for lack of data; the others were
	// re-weighted to make up the whole.
	Unknown []PartName `json:"unknown,omitempty"`
}

// MarshalJSON writes a NaN score as null.
func (c Candidate) MarshalJSON() ([]byte, error) {
	type plain struct {
		ID      entente.ActorID `json:"id"`
		Name    string          `json:"name"`
		Rank    int             `json:"rank"`
		Score   *float64        `json:"score"`
		Parts   []Part          `json:"parts"`
		Unknown []PartName      `json:"unknown,omitempty"`
	}
	return json.Marshal(plain{c.ID, c.Name, c.Rank, finite(c.Score), c.Parts, c.Unknown})
}

// Part returns the candidate's part called name.
func (c Candidate) Part(name PartName) Part {
	for _, p := range c.Parts {
		if p.Name == name {
			return p
		}
	}
	return unknown(name, "no such part")
}

func finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// Rivalry is a pair of rival actors. The set of rivalries is undirected.
type Rivalry [2]entente.ActorID

// Options tunes a ranking. The zero Options uses every default.
type Options struct {
	// Weights are the parts' weights; the zero value means DefaultWeights.
	// A negative or NaN weight counts as 0.
	Weights Weights `json:"weights"`
	// Reputation holds each actor's reputation in [0, 1] (from the trust
	// record, ReputationFromPacts); a candidate not in it, or with NaN,
	// has the neutral 0.5, and a value outside [0, 1] is clamped to it.
	Reputation map[entente.ActorID]float64 `json:"reputation,omitempty"`
	// VoteAgreement holds each candidate's UN-vote agreement with the
	// actor in [0, 1] (fpsim's Agree or AgreeHalf); for a candidate in it,
	// alignment is this rather than the similarity of positions (see
	// VoteAgreement; values outside [0, 1] are clamped).
	VoteAgreement map[entente.ActorID]float64 `json:"vote_agreement,omitempty"`
	// Rivalries is the set of rival pairs. Nil means no rivalry data:
	// shared threats are then unknown for everyone. An empty, non-nil set
	// says there are no rivalries.
	Rivalries []Rivalry `json:"rivalries,omitempty"`
	// CultureVariance holds the reference variance V_i of each Hofstede
	// dimension for the Kogut–Singh index; nil means the sample variance
	// across the candidate pool (CultureVariance).
	CultureVariance *entente.Culture `json:"culture_variance,omitempty"`
	// AlignmentMethod compares positions: Distance (the default) or
	// Cosine.
	AlignmentMethod AlignmentMethod `json:"alignment_method,omitempty"`
	// PositionRange holds the range R_i of each issue's scale for the
	// Distance method; an issue not in it uses the range of the positions
	// held by the actor and the candidates.
	PositionRange map[string]float64 `json:"position_range,omitempty"`
	// PowerMeasure names the capability whose shares give the autonomy
	// cost; empty means the mean share over the objective's capabilities.
	PowerMeasure string `json:"power_measure,omitempty"`
	// Limit keeps the first Limit candidates; 0 keeps all.
	Limit int `json:"limit,omitempty"`
	// NoNotes leaves every Part's Note empty: the scores, parts and order
	// are the same, without the text that explains each part (a
	// simulation ranks partners thousands of times a run and reads only
	// the order).
	NoNotes bool `json:"no_notes,omitempty"`
}

// ranker holds what every candidate's parts are computed against.
type ranker struct {
	opts         Options
	weights      Weights
	actor        *entente.Actor
	self         map[entente.ActorID]bool // the actor's own IDs: a pact's members
	objective    Objective
	gap          map[string]float64
	gapTotal     float64
	ranges       map[string]float64
	variance     *entente.Culture
	powerMeasure string
	rivals       map[entente.ActorID][]entente.ActorID
	selfRivals   map[entente.ActorID]bool
}

// Rank ranks candidates as partners for actor against the objective: each
// candidate (other than actor, and each ID once, the first occurrence
// kept) gets a score with its parts, best first, ties broken by ID. It is
// a pure function of its arguments.
func Rank(actor *entente.Actor, candidates []*entente.Actor, objective Objective, opts Options) []Candidate {
	self := map[entente.ActorID]bool{actor.ID: true}
	return rank(actor, self, candidates, objective, opts)
}

// Suggest ranks the registered actors who are not in the pact now as
// partners for it. The pact's members in it now, taken together, are the
// actor: their capabilities are summed (against the objective's targets),
// their positions and culture scores averaged per issue and dimension over
// the members who have them, and their rivals pooled. The autonomy cost is
// measured on the pact agreement's PowerMeasure unless opts names one.
// Members missing from actors add nothing. It is a pure function.
func Suggest(pact *entente.PactState, actors []*entente.Actor, objective Objective, opts Options) []Candidate {
	members := pact.InPact()
	self := map[entente.ActorID]bool{entente.ActorID(pact.Pact.ID): true}
	for _, m := range members {
		self[m] = true
	}
	var in []*entente.Actor
	for _, a := range actors {
		if a != nil && self[a.ID] {
			in = append(in, a)
		}
	}
	if opts.PowerMeasure == "" {
		opts.PowerMeasure = pact.Pact.Agreement.PowerMeasure
	}
	composite := Combine(entente.ActorID(pact.Pact.ID), pact.Pact.Name, in)
	return rank(composite, self, actors, objective, opts)
}

// Combine makes one actor of several, as Suggest sees a pact's members:
// capabilities summed over those who list them, positions and each culture
// dimension averaged over those who hold them.
func Combine(id entente.ActorID, name string, members []*entente.Actor) *entente.Actor {
	a := &entente.Actor{ID: id, Name: name, Kind: entente.Group,
		Capabilities: map[string]float64{}, Positions: map[string]float64{}}
	count := map[string]int{}
	var cultures []*entente.Culture
	for _, m := range members {
		for k, v := range m.Capabilities {
			if !math.IsNaN(v) {
				a.Capabilities[k] += v
			}
		}
		for k, v := range m.Positions {
			if !math.IsNaN(v) {
				a.Positions[k] += v
				count[k]++
			}
		}
		cultures = append(cultures, m.Culture)
	}
	for k := range a.Positions {
		a.Positions[k] /= float64(count[k])
	}
	a.Culture = meanCulture(cultures)
	return a
}

func rank(actor *entente.Actor, self map[entente.ActorID]bool, all []*entente.Actor, objective Objective, opts Options) []Candidate {
	pool := candidatePool(all, self)
	r := newRanker(actor, self, pool, objective, opts)
	out := make([]Candidate, 0, len(pool))
	for _, c := range pool {
		out = append(out, r.score(c))
	}
	sortCandidates(out)
	if opts.Limit > 0 && len(out) > opts.Limit {
		out = out[:opts.Limit]
	}
	return out
}

// candidatePool drops nil actors, the actor's own IDs and repeated IDs.
func candidatePool(all []*entente.Actor, self map[entente.ActorID]bool) []*entente.Actor {
	seen := map[entente.ActorID]bool{}
	var pool []*entente.Actor
	for _, a := range all {
		if a == nil || self[a.ID] || seen[a.ID] {
			continue
		}
		seen[a.ID] = true
		pool = append(pool, a)
	}
	return pool
}

func newRanker(actor *entente.Actor, self map[entente.ActorID]bool, pool []*entente.Actor, objective Objective, opts Options) *ranker {
	r := &ranker{opts: opts, weights: sanitise(opts.Weights.orDefault()), actor: actor, self: self,
		objective: objective, gap: objective.Gap(actor.Capabilities), powerMeasure: opts.PowerMeasure}
	for _, g := range r.gap {
		r.gapTotal += g
	}
	r.ranges = issueRanges(actor, pool, opts.PositionRange)
	r.variance = opts.CultureVariance
	if r.variance == nil {
		var cs []*entente.Culture
		for _, c := range pool {
			cs = append(cs, c.Culture)
		}
		r.variance = CultureVariance(cs)
	}
	r.indexRivals()
	return r
}

func sanitise(w Weights) Weights {
	for _, p := range PartNames {
		if v := w.Get(p); !(v >= 0) || math.IsInf(v, 0) {
			w.set(p, 0)
		}
	}
	return w
}

// issueRanges returns each issue's range: the given one, else max − min of
// the positions the actor and the pool hold on it.
func issueRanges(actor *entente.Actor, pool []*entente.Actor, given map[string]float64) map[string]float64 {
	lo, hi := map[string]float64{}, map[string]float64{}
	note := func(pos map[string]float64) {
		for k, v := range pos {
			if math.IsNaN(v) {
				continue
			}
			if l, ok := lo[k]; !ok || v < l {
				lo[k] = v
			}
			if h, ok := hi[k]; !ok || v > h {
				hi[k] = v
			}
		}
	}
	note(actor.Positions)
	for _, c := range pool {
		note(c.Positions)
	}
	out := map[string]float64{}
	for k := range lo {
		out[k] = hi[k] - lo[k]
	}
	for k, v := range given {
		out[k] = v
	}
	return out
}

// indexRivals builds each actor's set of rivals and the actor's own: the
// rivals of any of its IDs, less those IDs.
func (r *ranker) indexRivals() {
	// Each actor's rivals as a list without repeats: lists are short, and
	// building one costs less than a set.
	r.rivals = map[entente.ActorID][]entente.ActorID{}
	add := func(a, b entente.ActorID) {
		if !slices.Contains(r.rivals[a], b) {
			r.rivals[a] = append(r.rivals[a], b)
		}
	}
	for _, p := range r.opts.Rivalries {
		if p[0] != p[1] {
			add(p[0], p[1])
			add(p[1], p[0])
		}
	}
	r.selfRivals = map[entente.ActorID]bool{}
	for id := range r.self {
		for _, x := range r.rivals[id] {
			if !r.self[x] {
				r.selfRivals[x] = true
			}
		}
	}
}

func (r *ranker) isRivalOfSelf(id entente.ActorID) bool { return r.selfRivals[id] }

// score computes every part of c and combines them.
func (r *ranker) score(c *entente.Actor) Candidate {
	parts := []Part{r.complementarity(c), r.alignment(c), r.reputation(c), r.culture(c), r.threats(c), r.autonomy(c)}
	cand := Candidate{ID: c.ID, Name: c.Name}
	cand.Score, cand.Unknown = combine(parts, r.weights)
	if r.opts.NoNotes {
		for i := range parts {
			parts[i].Note = ""
		}
	}
	cand.Parts = parts
	return cand
}

// combine fills in each part's weight, share and contribution and returns
// the score Σ_p w_p·n_p / Σ_p w_p over the known parts p, and the unknown
// parts. The score is NaN when the known parts' weights sum to 0.
func combine(parts []Part, w Weights) (score float64, unknown []PartName) {
	total := 0.0
	for i := range parts {
		parts[i].Weight = w.Get(parts[i].Name)
		if parts[i].Known {
			total += parts[i].Weight
		} else {
			unknown = append(unknown, parts[i].Name)
		}
	}
	if total == 0 {
		return math.NaN(), unknown
	}
	for i := range parts {
		if parts[i].Known {
			parts[i].Share = parts[i].Weight / total
			parts[i].Contribution = parts[i].Share * parts[i].Normalised
			score += parts[i].Contribution
		}
	}
	return score, unknown
}

// sortCandidates orders by score, best first (NaN last), then by ID, and
// numbers the ranks.
func sortCandidates(cs []Candidate) {
	// A strict order (IDs are unique in the pool), so any sort gives the
	// same result.
	slices.SortFunc(cs, func(x, y Candidate) int {
		a, b := x.Score, y.Score
		switch {
		case math.IsNaN(a) != math.IsNaN(b):
			if math.IsNaN(b) {
				return -1
			}
			return 1
		case a != b && !math.IsNaN(a):
			if a > b {
				return -1
			}
			return 1
		}
		return cmp.Compare(x.ID, y.ID)
	})
	for i := range cs {
		cs[i].Rank = i + 1
	}
}
