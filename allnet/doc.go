// Package allnet measures the structure of the alliance network, one year
// at a time: who is tied to whom, who is central, which blocs form, how
// capability is spread over them, which states sit at the centre of a hub
// and its spokes, and how lopsided each alliance is.
//
// The package is pure: functions take values and return results, with no
// I/O, globals or clocks. Community detection is the only randomised step;
// it takes a seed and gives the same partition for the same seed. Inputs
// are plain values (Year, State, Tie) that an importer of ATOP or COW data
// fills in; Obligation uses the ATOP codebook bit order.
//
// # Network
//
// For one year and an obligation mask M, Build joins states i and j when
// they share at least one alliance whose obligations intersect M ("defense"
// selects alliances with a defense pledge; "defense|offense" those with
// either; Any all alliances). The edge weight is the number of such
// alliances the dyad shares; ties that repeat an alliance id for the same
// dyad count once. States without ties stay in the network as isolates:
// they count for density and components.
//
// # Measures
//
// Degree is the number of partners, weighted degree the number of alliance
// ties counted with multiplicity. Density is ties/(n(n-1)/2) over all n
// states in the system. Components are the connected components, isolates
// included.
//
// Betweenness centrality (Freeman 1977; computed with Brandes 2001) is the
// share of shortest paths between other pairs that pass through a state,
// on the binary network and normalised by (n-1)(n-2) ordered pairs, so it
// lies in [0, 1] and the centre of a star scores 1.
//
// Eigenvector centrality (Bonacich 1972) is the leading eigenvector of the
// weighted adjacency matrix. It is computed per connected component,
// because the leading eigenvector of a disconnected graph lives on one
// component only; scores are scaled to a maximum of 1 within each
// component and each component's eigenvalue is reported. Power iteration on
// A+I stops at relative residual ‖Ax−λx‖/λ ≤ 1e-10 (configurable) and
// falls back to a dense mat.EigenSym decomposition if it has not converged
// in 2000 iterations.
//
// # Blocs and polarity
//
// Blocs are communities found by maximising weighted modularity Q
// (Newman and Girvan 2004) with the Louvain method (Blondel et al. 2008,
// gonum's community.Modularize). A bloc has at least two members;
// isolates and other singletons are not blocs. Community detection on
// alliance networks follows Traag and Bruggeman (2009), who found power
// blocs in the alliance and dispute networks with a generalised
// modularity (Potts model) method.
//
// Polarity counts the blocs and gives each its share of the system's total
// capability. Missing capabilities are left out of every sum, counted and
// flagged (a bloc without any known capability has a NaN share, never 0).
// The effective number of poles is 1/Σ s², the Laakso–Taagepera (1979)
// effective number applied to the blocs' capabilities normalised over the
// blocs. Maoz (2006, "Network Polarization, Network Interdependence, and
// International Conflict, 1816–2002", Journal of Peace Research; and 2010,
// Networks of Nations, Cambridge UP) measures alliance network
// polarization from clique-based groups (CoBlocs) and their capabilities;
// the measure here is a simpler relative of his index built on modularity
// blocs, not a reproduction of it.
//
// # Hubs and spokes
//
// Cha (2009/10, "Powerplay: Origins of the U.S. Alliance System in Asia",
// International Security 34(3)) describes the US alliance system in East
// Asia as a hub and spokes: bilateral alliances between a dominant centre
// and partners that are barely allied to each other. Here a hub candidate
// is a state h with at least k partners (default 3). For each partner p,
// s_p = w(p,h)/Σ_q w(p,q) is the share of p's alliance ties (by weight)
// that go to h; hubness(h) is the mean of s_p over h's partners, and h is
// flagged a hub when hubness reaches a threshold (default 0.5). Spoke
// density is the density of ties among h's partners: low values mean the
// spokes are not allied to each other. A star's centre has hubness 1 and
// spoke density 0; in a clique of four every state has hubness 1/3.
//
// # Alliance asymmetry
//
// AllianceAsymmetry describes one alliance-year from its members'
// capabilities: shares of the alliance total, the strongest-to-weakest
// ratio, the largest share, the Herfindahl index Σ share² and the dominance
// ratio (strongest over second strongest). It uses the ledger's
// entente.Shares and entente.Classify, so an alliance is asymmetric exactly
// when the strongest member has at least entente.AsymmetryRatio (2) times
// the capability of the second, as for the ledger's pacts. Any missing
// capability makes the result "unknown" with NaN numbers.
//
// # Speed
//
// AnalyzeYears runs years in parallel; the result of every year is the
// same whatever the number of workers. See the benchmarks in the tests for
// timings of each measure on a synthetic 200-state year.
package allnet
