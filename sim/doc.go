// Package sim is an n-player agent-based simulator of alliances on the
// domain itself: every pact of a run is a real *entente.PactState, changed
// only by entente.Execute with the domain's commands (FoundPact,
// RequestJoin, Propose, CastVote, Pledge, Contribute, GiveNotice,
// RaiseDispute, EscalateDispute, ResolveDispute) and by entente.Advance
// with simulated time, and every proposal is decided by the pact's own
// rule. A run's logs replay through entente.Fold to the states it left.
//
// It is pure: a World (actors, rivalries, contiguity, remembered disputes,
// pacts in force, shocks, rule changes) and Params in, rows of yearly
// statistics out. No clock, file or global is read; every random draw
// comes from a PCG generator seeded with (seed, run), and actors and
// pacts are always visited in a fixed order, so the same seed gives the
// same bytes whatever the number of workers (Batch). Package simdata
// builds a World from the real data; scenario files are parsed by
// ParseScenario.
//
// # A simulated year
//
// Each year runs these phases, each on a fixed day: power shifts, then
// militarized disputes between rivals, threat perception, scenario rule
// changes (amendments), formation (found or join, admission votes),
// pledges, deliveries, policy proposals, disputes, leaving and
// dissolution, and at the year's end entente.Advance (votes closing,
// pledges falling overdue, dispute deadlines, notice running out) and the
// assessment of every pact's health and trust.
//
// # Mechanisms
//
// Each mechanism can be switched off (Params.Off, "mechanism.<name> off"
// in a scenario) and is tuned by the parameters named beside it.
//
// threat (threat.rival, threat.contiguity, threat.dispute, threat.memory,
// threat.common): actor i perceives the capability that threatens it,
//
//	need_i = Σ_rivals ρ·C_j + Σ_contiguous κ_c·C_j + Σ_fought δ·m_ij·C_j + γ·max_k C_k
//
// over states it is not allied with, m_ij the remembered disputes (decaying
// by threat.memory a year), γ the common threat; its uncovered threat is
// U_i = need_i/(need_i + C_i + A_i), with A_i its allies' capability
// weighted by trust. Balance of threat: Walt, S. (1987), The Origins of
// Alliances, Cornell UP (power, proximity, aggressive intentions); rivals
// from Thompson and Dreyer (2012) and Thompson, Sakuwa and Suhas (2021),
// contiguity from COW Direct Contiguity 3.2, disputes from COW-MID 5.0. Off:
// every actor feels a threat equal to its own capability.
//
// partners (form.threshold, form.rate, form.accept): an actor with U_i
// above form.threshold acts with probability form.rate a year. Its
// candidates (non-rivals, not yet allies, the 30 most promising by the
// cover they add) are ordered by package partner's ranking (Rank:
// complementarity to the uncovered threat, reputation from the trust
// record, Morrow's autonomy cost, shared rivals). It asks to join the
// largest defence pact of its three best candidates; if there is none or
// the pact refuses, it founds a bilateral alliance with the first
// candidate for whom, as for itself, the alliance is worth at least
// form.accept: cover gained less entrapment less autonomy cost (Morrow, J.
// D. 1991, "Alliances and Asymmetry", AJPS 35(4)). Off: candidates in
// random order.
//
// admission: a RequestJoin opens the pact's admission proposal, decided by
// its rule (for an alliance, by default, unanimity: seed 002's consent of
// the members). Each member votes no to a rival (unless a common threat
// outweighs the rivalry), no to an applicant whose reputation is below
// trust.floor, and yes when the cover the applicant adds is worth its
// entrapment. Off: members admit anyone.
//
// publicgoods (goods.pledge, goods.value, goods.saturation,
// goods.monitoring, goods.penalty, goods.adjust, goods.noise): each year
// every active member of a defence pact pledges goods.pledge of its
// capability (the agreed norm, entente.Pledge) and then delivers against
// it (entente.Contribute). The pact's defence is a public good: member i
// values X at v_i·ln(κ + X), with v_i = goods.value·C_i·(1 + U_i), so the
// large value it more (Olson, M. and Zeckhauser, R. 1966, "An Economic
// Theory of Alliances", Review of Economics and Statistics 48(3)). A
// shortfall below the pledge is detected with probability
// goods.monitoring and sanctioned at goods.penalty a unit; each member moves
// goods.adjust of the way from last year's delivery to its best reply
// (BestReply) to the others' last deliveries. Without monitoring the
// deliveries converge to the Nash equilibrium (Equilibrium) in which the
// member who values the good most carries it: "the exploitation of the
// great by the small". Off: members deliver what they pledge.
//
// trust (trust.floor): each pact's trust is computed from its record at
// every assessment by package trust (Jøsang and Ismail's beta reputation:
// kept, late, partial and missed pledges, votes, disputes). Allies count
// towards cover in proportion 2·T_ij (capped at 1), applicants are judged
// by their reputation (the mean trust their fellow members place in them),
// and trust drives disputes and fear of abandonment. Off: trust is the
// neutral 0.5 everywhere.
//
// abandonment (leave.abandonment) and entrapment (leave.entrapment): Snyder's
// alliance security dilemma (Snyder, G. H. 1984, "The Security Dilemma in
// Alliance Politics", World Politics 36(4)). Each year an active member
// gives notice with probability logistic(leave.bias + leave.scale·R), with
//
//	R = leave.abandonment·(shortfall of trust below trust.floor + share of the allies' pledges undelivered)
//	  + leave.entrapment·(capability of the allies' rivals it does not share, doubled if they fought, × the local share of its threat)
//	  − leave.benefit·(share of its threat the pact covers)
//
// Entrapment also lowers the worth of allying and admitting.
//
// disputes (disputes.rate, disputes.resolve, disputes.escalate): a
// delivery below 80% of the pledge, if monitoring detects it, leads the
// strongest other member to raise a dispute (entente.RaiseDispute) with
// probability disputes.rate·2·(1 − its trust in the shirker). Each year an
// open dispute settles with probability disputes.resolve·2·(mean trust of
// the parties), else its raiser asks to climb with probability
// disputes.escalate (entente.EscalateDispute); the agreement's ladder
// (negotiation 120 days, mediation 240, arbitration 365) climbs on its
// deadlines through entente.Advance, and an arbitration ends in an award
// the next year (seed 001 §1.6).
//
// powershifts (power.mean, power.sd): capabilities follow an actor's NMC
// trajectory where the World has one, otherwise grow by a log-normal
// factor exp(power.mean + power.sd·Z) a year; scenario shocks multiply them
// in their year. Off: capabilities stay as they were (shocks still hit).
//
// dissolution (health.floor, health.years, health.every): every
// health.every years each pact is assessed by package health (trust,
// burden fairness, cohesion, disputes, commitments, power shift). After
// health.years assessments below health.floor, the member with the most
// reasons to leave proposes dissolution, and members vote yes when their
// reasons to leave (R above) are positive; the pact's rule decides. A pact
// down to one member dissolves by that member's decision whatever the
// switch.
//
// proposals (proposals.rate, proposals.tolerance): each year, with
// probability proposals.rate, a member proposes a joint policy near its
// own position on one policy dimension; each member votes yes when the
// policy is within proposals.tolerance of its position. Under unanimity a
// single distant member vetoes: the deadlock statistic measures how often.
//
// conflict (conflict.rate): each pair of rivals has a militarized dispute
// with probability conflict.rate a year; it is remembered (threat) and
// makes an ally's rival count double for entrapment.
//
// Rules: rule.general and rule.admission set the rules of pacts founded
// during the run; a scenario's "rule" line changes them in a year and puts
// the change to every pact in force as an amendment under its own
// amendment rule.
//
// # Statistics
//
// Each year a run reports (Statistics): alliances (pacts in force with at
// least two members), allied_share (actors in at least one defence pact),
// mean_members, asymmetric_share (entente.DeriveStructure), density (allied
// pairs over all pairs), blocs and largest_bloc (components of the graph
// of defence-pact ties, with two or more actors; the largest's share of
// actors), largest_pact (the largest pact's share of actors), formations,
// terminations, joins, exits, largest_share and largest_capability_share
// (mean over defence pacts of the largest-capability member's share of the
// year's deliveries, and of capability), delivery_ratio (delivered over
// pledged), deadlock (share of policy proposals rejected),
// admissions_refused, disputes_opened, arbitrations, disputes_open, health
// (mean score), trust (mean trust among members) and events. A statistic
// undefined in a year (no pact, no proposal) is left out, never written as
// zero.
//
// # Calibration
//
// The defaults are judgement, not estimates: they have not been fitted to
// history. The validation against ATOP and a null model that the design
// calls for is not done yet.
package sim
