package http

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"sync"

	"github.com/entente/entente"
	"github.com/entente/entente/bargain"
)

// bargainView is a bargaining on the pact page: who has stated a
// reservation value, whether a zone of possible agreement exists once all
// have, and the Nash and Kalai-Smorodinsky splits for those who may see
// them, never a party's value.
type bargainView struct {
	*entente.Bargaining
	Waiting []entente.ActorID
	// Done: every party stated its value; ZOPA: the values leave a surplus
	// to share (their sum is at most the total).
	Done, ZOPA bool
	// Splits are the suggestions, shown to the secretariat and auditors,
	// and to the parties when there are three or more (with two, either
	// suggestion and one's own value would give away the other's).
	Splits   []split
	Hidden   string
	Party    bool
	Session  *sessionView
	Pact     entente.PactID
	ProposeA string // the amendment that adopts the Nash split, as the propose command's JSON
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

// reservationCache keeps, per log, the reservation values read from its
// first N entries, so that a page reads only the entries appended since.
type reservationCache struct {
	mu   sync.Mutex
	logs map[string]*reservationsRead
}

// reservationsRead is what the first N entries of a log hold: each
// bargaining's values by party.
type reservationsRead struct {
	N      int64
	Values map[string]map[entente.ActorID]float64
}

// reservations returns the parties' reservation values in st's log up to
// st.Len (the server reads every entry; readers see only what the page
// derives). It reads the log only when a bargaining has every value, and
// then only the entries it has not read before.
func (s *Server) reservations(r *http.Request, st *entente.PactState) (map[string]map[entente.ActorID]float64, error) {
	needed := false
	for _, b := range st.Bargainings {
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
		read = &reservationsRead{Values: map[string]map[entente.ActorID]float64{}}
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
					read.Values[d.Bargaining] = map[entente.ActorID]float64{}
				}
				read.Values[d.Bargaining][d.Party] = d.Value
			}
		}
		read.N = st.Len
		c.logs[log] = read
	}
	out := make(map[string]map[entente.ActorID]float64, len(read.Values))
	for b, v := range read.Values {
		out[b] = maps.Clone(v)
	}
	return out, nil
}

// suggest returns the Nash and Kalai-Smorodinsky splits of total among
// parties with reservation values r, on the frontier where the parts add
// up to the total. For two parties the bargain package solves both on
// that frontier; for more, both give each party its value and an equal
// part of the surplus (on a linear frontier the two coincide).
func suggest(parties []entente.ActorID, r map[entente.ActorID]float64, total float64) ([]split, error) {
	if len(parties) == 2 {
		c := bargain.Curve{U2: func(u1 float64) float64 { return total - u1 }, Min: 0, Max: total}
		d := bargain.Point{U1: r[parties[0]], U2: r[parties[1]]}
		nash, err := bargain.NashCurve(c, d)
		if err != nil {
			return nil, err
		}
		ks, err := bargain.KalaiSmorodinskyCurve(c, d)
		if err != nil {
			return nil, err
		}
		two := func(name string, p bargain.Point) split {
			return split{name, []share2{{parties[0], p.U1}, {parties[1], p.U2}}}
		}
		return []split{two("Nash", nash), two("Kalai-Smorodinsky", ks)}, nil
	}
	surplus := total
	for _, id := range parties {
		surplus -= r[id]
	}
	var eq []share2
	for _, id := range parties {
		eq = append(eq, share2{id, r[id] + surplus/float64(len(parties))})
	}
	return []split{{"Nash", eq}, {"Kalai-Smorodinsky", eq}}, nil
}

// bargainViews returns the pact's bargainings as the request's reader may
// see them.
func (s *Server) bargainViews(r *http.Request, st *entente.PactState, sess *sessionView) ([]bargainView, error) {
	values, err := s.reservations(r, st)
	if err != nil {
		return nil, err
	}
	var out []bargainView
	for _, b := range st.Bargainings {
		v := bargainView{Bargaining: b, Session: sess, Pact: st.Pact.ID}
		for _, id := range b.Parties {
			if !slices.Contains(b.Stated, id) {
				v.Waiting = append(v.Waiting, id)
			}
		}
		var reader entente.ActorID
		if sess != nil {
			reader = sess.Actor
			v.Party = slices.Contains(b.Parties, reader) && st.Dissolved == nil
			m := st.Members[reader]
			v.CanVote = m != nil && m.CanVote() && st.Dissolved == nil
		}
		v.Done = len(v.Waiting) == 0
		if v.Done {
			sum := 0.0
			for _, id := range b.Parties {
				sum += values[b.ID][id]
			}
			v.ZOPA = sum <= b.Total
			official := reader != "" && (st.HasRole(reader, entente.SecretariatRole) || st.HasRole(reader, entente.AuditorRole))
			switch {
			case !v.ZOPA:
			case official || (v.Party && len(b.Parties) >= 3):
				if v.Splits, err = suggest(b.Parties, values[b.ID], b.Total); err != nil {
					return nil, entente.Errorf(entente.EINTERNAL, "bargaining %s: %v", b.ID, err)
				}
				v.ProposeA = amendmentFor(st, b, v.Splits[0])
			case len(b.Parties) == 2:
				v.Hidden = "With two parties, either suggestion together with one party's own value would give away the other's, so only the secretariat sees them."
			default:
				v.Hidden = "The suggestions are shown to the parties and the secretariat."
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// amendmentFor is the propose command that adopts sp as the pact's split
// of benefits (fixed shares among the bargaining's parties), as JSON.
func amendmentFor(st *entente.PactState, b *entente.Bargaining, sp split) string {
	agr := cloneAgreement(st.Pact.Agreement)
	agr.Benefits = entente.BenefitRule{Kind: entente.BenefitFixedShares, Shares: map[entente.ActorID]float64{}}
	sum := 0.0
	for i, p := range sp.Shares {
		v, _ := strconv.ParseFloat(strconv.FormatFloat(p.Amount/b.Total, 'f', 6, 64), 64)
		if i == len(sp.Shares)-1 {
			v, _ = strconv.ParseFloat(strconv.FormatFloat(1-sum, 'f', 6, 64), 64)
		}
		sum += v
		agr.Benefits.Shares[p.Party] = v
	}
	args, _ := json.Marshal(entente.Propose{Matter: entente.Amendment, Amendment: &agr,
		Title: fmt.Sprintf("Split %s by the %s suggestion of bargaining %s", b.Title, sp.Name, b.ID)})
	return string(args)
}
