package allnet

// Defaults of HubOptions.
const (
	DefaultHubMinPartners = 3
	DefaultHubThreshold   = 0.5
)

// HubOptions tunes Hubs; zero or negative fields take the defaults.
type HubOptions struct {
	// MinPartners is the fewest partners a state needs to be a hub
	// candidate (DefaultHubMinPartners).
	MinPartners int
	// Threshold is the hubness at which a candidate is flagged as a hub
	// (DefaultHubThreshold).
	Threshold float64
}

// Hub is the hub-and-spoke profile of one candidate state.
type Hub struct {
	State    int // dense index
	Partners int // degree
	// Hubness is the mean, over the partners p, of the share of p's
	// alliance ties (by weight) that go to this state: 1 when every
	// partner is allied only to it.
	Hubness float64
	// SpokeDensity is the density of ties among the partners: tied
	// partner pairs over all partner pairs. Low means the spokes are not
	// allied to each other. NaN with fewer than two partners.
	SpokeDensity float64
	// IsHub is true when Hubness reaches the threshold.
	IsHub bool
}

// Hubs profiles every state with at least MinPartners partners, in index
// order, flagging those whose hubness reaches Threshold. It operationalises
// the hub-and-spokes pattern Cha (2009/10) describes for the US alliances
// in East Asia: a centre with bilateral ties to partners who have few ties
// elsewhere and almost none among themselves.
func (g *Network) Hubs(opt HubOptions) []Hub {
	k := opt.MinPartners
	if k <= 0 {
		k = DefaultHubMinPartners
	}
	thr := opt.Threshold
	if thr <= 0 {
		thr = DefaultHubThreshold
	}
	var out []Hub
	mark := make([]bool, g.N())
	for h := range g.N() {
		if g.Degree(h) < k {
			continue
		}
		hub := g.hubProfile(h, mark)
		hub.IsHub = hub.Hubness >= thr
		out = append(out, hub)
	}
	return out
}

// hubProfile computes hubness and spoke density for h, using mark (all
// false on entry and exit) to recognise h's partners.
func (g *Network) hubProfile(h int, mark []bool) Hub {
	partners := g.nbr[g.start[h]:g.start[h+1]]
	weights := g.wt[g.start[h]:g.start[h+1]]
	for _, p := range partners {
		mark[p] = true
	}
	shares, pairs := 0.0, 0
	for k, p := range partners {
		shares += float64(weights[k]) / float64(g.WeightedDegree(p))
		for _, q := range g.nbr[g.start[p]:g.start[p+1]] {
			if mark[q] {
				pairs++ // each tied partner pair is seen from both ends
			}
		}
	}
	for _, p := range partners {
		mark[p] = false
	}
	d := len(partners)
	return Hub{
		State:        h,
		Partners:     d,
		Hubness:      shares / float64(d),
		SpokeDensity: float64(pairs/2) / (float64(d) * float64(d-1) / 2),
	}
}
