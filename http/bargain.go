package http

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/entente/entente"
	"github.com/entente/entente/bargain"
)

// bargainView is a bargaining on the pact page: who has stated a
// reservation value, whether a zone of possible agreement exists once all
// have, and the splits for those who may see them, never a party's value.
type bargainView struct {
	*entente.Bargaining
	Waiting []entente.ActorID
	// Done: every party stated its value; ZOPA: the values leave a surplus
	// to share (benefits: their sum is at most the total; costs: the
	// maxima cover it).
	Done, ZOPA bool
	// Cost: a contribution schedule, whose amounts are payments.
	Cost bool
	// Drawn is the sealed split (bargain.Split.Draw from every party's
	// salt), shown to every reader: it bounds each value without
	// revealing it. Nil for bargainings stated before salts existed.
	Drawn *split
	// Splits are the Nash and Kalai-Smorodinsky suggestions, shown only to
	// the secretariat and auditors, who read the values anyway: with the
	// reader's own value either gives every other party's away.
	Splits []split
	Hidden string
	// Readers are parties who hold the secretariat's or auditor's role and
	// so read every value.
	Readers  []entente.ActorID
	Party    bool
	Session  *sessionView
	Pact     entente.PactID
	ProposeA string // the amendment that adopts the drawn split, as the propose command's JSON
	Adopts   string // which split ProposeA adopts
	CanVote  bool
}

// split is one suggested split of the total.
type split struct {
	Name   string
	Shares []share2
}

// share2 is one party's part of a split.
type share2 struct {
	Party  entente.ActorID
	Amount float64
}

// reserved is one party's statement in a bargaining, as the server reads
// it from the log.
type reserved struct {
	Value float64
	Salt  string
}

// reservationCache keeps, per log, the reservation values read from its
// first N entries, so that a page reads only the entries appended since.
type reservationCache struct {
	mu   sync.Mutex
	logs map[string]*reservationsRead
	// draws keeps each sealed split drawn (a draw on the cost side may
	// take thousands of tries), by label and salts: sealed values never
	// change, so neither does their draw.
	draws map[string]drawn
}

// drawn is a sealed split's amounts, or why there are none.
type drawn struct {
	x   []float64
	err error
}

// draw returns p.Draw over the seed of label and salts, drawing it once.
func (c *reservationCache) draw(p bargain.Split, label string, salts []string) ([]float64, error) {
	key := label + "\x00" + strings.Join(salts, ",") + "\x00" + fmt.Sprint(p)
	c.mu.Lock()
	d, ok := c.draws[key]
	c.mu.Unlock()
	if !ok {
		d.x, d.err = p.Draw(bargain.Seed(label, salts))
		c.mu.Lock()
		if len(c.draws) >= 4096 {
			clear(c.draws)
		}
		c.draws[key] = d
		c.mu.Unlock()
	}
	return slices.Clone(d.x), d.err
}

// reservationsRead is what the first N entries of a log hold: each
// bargaining's values and salts by party.
type reservationsRead struct {
	N      int64
	Values map[string]map[entente.ActorID]reserved
}

// reservations returns the parties' reservation values in st's log up to
// st.Len (the server reads every entry; readers see only what the page
// derives). It reads the log only when a bargaining has every value, and
// then only the entries it has not read before.
func (s *Server) reservations(r *http.Request, st *entente.PactState) (map[string]map[entente.ActorID]reserved, error) {
	needed := false
	for _, b := range st.Bargainings.All() {
		needed = needed || len(b.Stated) == len(b.Parties)
	}
	if !needed {
		return nil, nil
	}
	log := string(st.Pact.ID)
	c := s.reserved
	c.mu.Lock()
	defer c.mu.Unlock()
	read := c.logs[log]
	if read == nil || read.N > st.Len {
		read = &reservationsRead{Values: map[string]map[entente.ActorID]reserved{}}
	}
	if read.N < st.Len {
		entries, err := s.svc.Entries(r.Context(), log, read.N, st.Len)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			ev, err := entente.DecodeEvent(e.Data)
			if err != nil {
				return nil, err
			}
			if d, ok := ev.Data.(entente.ReservationStated); ok {
				if read.Values[d.Bargaining] == nil {
					read.Values[d.Bargaining] = map[entente.ActorID]reserved{}
				}
				read.Values[d.Bargaining][d.Party] = reserved{d.Value, d.Salt}
			}
		}
		read.N = st.Len
		c.logs[log] = read
	}
	out := make(map[string]map[entente.ActorID]reserved, len(read.Values))
	for b, v := range read.Values {
		out[b] = maps.Clone(v)
	}
	return out, nil
}

// splitOf returns the bargain package's problem for b with the stated
// values r, and the parties' salts (nil unless every party gave one).
func splitOf(b *entente.Bargaining, r map[entente.ActorID]reserved) (bargain.Split, []string) {
	p := bargain.Split{Total: b.Total, Cost: b.Kind == entente.BargainCosts}
	var salts []string
	complete := true
	for _, id := range b.Parties {
		p.Reservations = append(p.Reservations, r[id].Value)
		salts = append(salts, r[id].Salt)
		complete = complete && r[id].Salt != ""
	}
	if !complete {
		return p, nil
	}
	return p, salts
}

// drawnName names the sealed split on the page.
const drawnName = "Drawn split"

// sealedLabel is what the seed of a pact's bargaining is drawn under
// (bargain.Seed with the parties' salts in party order), so that an
// auditor can redraw it: "PACT/BARGAINING".
func sealedLabel(pact entente.PactID, bargaining string) string {
	return string(pact) + "/" + bargaining
}

// named pairs amounts with b's parties.
func named(name string, b *entente.Bargaining, amounts []float64) split {
	sp := split{Name: name}
	for i, id := range b.Parties {
		sp.Shares = append(sp.Shares, share2{id, amounts[i]})
	}
	return sp
}

// suggest returns the Nash and Kalai-Smorodinsky splits of p (bargain).
func suggest(b *entente.Bargaining, p bargain.Split) ([]split, error) {
	nash, err := p.Nash()
	if err != nil {
		return nil, err
	}
	ks, err := p.KalaiSmorodinsky()
	if err != nil {
		return nil, err
	}
	return []split{named("Nash", b, nash), named("Kalai-Smorodinsky", b, ks)}, nil
}

// bargainViews returns the pact's bargainings as the request's reader may
// see them.
func (s *Server) bargainViews(r *http.Request, st *entente.PactState, sess *sessionView) ([]bargainView, error) {
	values, err := s.reservations(r, st)
	if err != nil {
		return nil, err
	}
	var out []bargainView
	for _, b := range st.Bargainings.All() {
		v, err := bargainViewOf(st, b, values[b.ID], sess, s.reserved.draw)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// bargainViewOf is b as sess's reader may see it, given the stated values
// (read by the server; nothing of them reaches the view but the ZOPA bit,
// the drawn split and, for the secretariat and auditors, the suggestions).
func bargainViewOf(st *entente.PactState, b *entente.Bargaining, values map[entente.ActorID]reserved, sess *sessionView,
	draw func(bargain.Split, string, []string) ([]float64, error)) (bargainView, error) {
	v := bargainView{Bargaining: b, Session: sess, Pact: st.Pact.ID, Cost: b.Kind == entente.BargainCosts}
	for _, id := range b.Parties {
		if !slices.Contains(b.Stated, id) {
			v.Waiting = append(v.Waiting, id)
		}
		if st.HasRole(id, entente.SecretariatRole) || st.HasRole(id, entente.AuditorRole) {
			v.Readers = append(v.Readers, id)
		}
	}
	var reader entente.ActorID
	if sess != nil {
		reader = sess.Actor
		v.Party = slices.Contains(b.Parties, reader) && st.Dissolved == nil
		m := st.Members.Get(reader)
		v.CanVote = m != nil && m.CanVote() && st.Dissolved == nil
	}
	v.Done = len(v.Waiting) == 0
	if !v.Done {
		return v, nil
	}
	p, salts := splitOf(b, values)
	v.ZOPA = p.ZOPA()
	if !v.ZOPA {
		return v, nil
	}
	official := reader != "" && (st.HasRole(reader, entente.SecretariatRole) || st.HasRole(reader, entente.AuditorRole))
	if official {
		var err error
		if v.Splits, err = suggest(b, p); err != nil {
			return v, entente.Errorf(entente.EINTERNAL, "bargaining %s: %v", b.ID, err)
		}
	}
	switch {
	case salts != nil:
		x, err := draw(p, sealedLabel(st.Pact.ID, b.ID), salts)
		if errors.Is(err, bargain.ErrNoDraw) {
			v.Hidden = "The maxima leave too little room to draw a split within them; only the secretariat sees the suggestions."
			break
		} else if err != nil {
			return v, entente.Errorf(entente.EINTERNAL, "bargaining %s: %v", b.ID, err)
		}
		d := named(drawnName, b, x)
		v.Drawn, v.Adopts = &d, "the drawn split"
		v.ProposeA = amendmentFor(st, b, d)
	case official:
		// Stated before salts existed: only the suggestions, which reveal
		// the values once adopted.
		v.ProposeA, v.Adopts = amendmentFor(st, b, v.Splits[0]), "the Nash split (it reveals the values to the parties)"
		v.Hidden = "These values were stated before sealed splits: any split adopted from them lets each party work out the others' values."
	default:
		v.Hidden = "These values were stated before sealed splits: the suggestions, with one party's own value, would give away the others', so only the secretariat sees them."
	}
	return v, nil
}

// round6 rounds v to six decimals.
func round6(v float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', 6, 64), 64)
	return r
}

// amendmentFor is the propose command that adopts sp, as JSON: for a
// split of benefits the benefits clause becomes fixed shares among the
// bargaining's parties; for a contribution schedule each party's
// contribution clause for the resource becomes its amount (other clauses
// stay). Amounts are rounded to six decimals, the last party's making up
// the total.
func amendmentFor(st *entente.PactState, b *entente.Bargaining, sp split) string {
	agr := cloneAgreement(st.Pact.Agreement)
	unit := b.Total
	if b.Kind == entente.BargainCosts {
		unit = 1
	}
	amounts := make([]float64, len(sp.Shares))
	sum := 0.0
	for i, p := range sp.Shares {
		amounts[i] = round6(p.Amount / unit)
		if i == len(sp.Shares)-1 {
			amounts[i] = round6(b.Total/unit - sum)
		}
		sum += amounts[i]
	}
	what := "Split"
	if b.Kind == entente.BargainCosts {
		what = "Share the cost of"
		var keep []entente.ContributionClause
		for _, c := range agr.Contributions {
			if c.Resource != b.Resource || !slices.Contains(b.Parties, c.Member) {
				keep = append(keep, c)
			}
		}
		for i, p := range sp.Shares {
			keep = append(keep, entente.ContributionClause{Member: p.Party, Resource: b.Resource, Amount: amounts[i]})
		}
		agr.Contributions = keep
	} else {
		agr.Benefits = entente.BenefitRule{Kind: entente.BenefitFixedShares, Shares: map[entente.ActorID]float64{}}
		for i, p := range sp.Shares {
			agr.Benefits.Shares[p.Party] = amounts[i]
		}
	}
	label := strings.ToLower(sp.Name)
	if sp.Name != drawnName {
		label = sp.Name + " split"
	}
	args, _ := json.Marshal(entente.Propose{Matter: entente.Amendment, Amendment: &agr,
		Title: fmt.Sprintf("%s %s by the %s of bargaining %s", what, b.Title, label, b.ID)})
	return string(args)
}
