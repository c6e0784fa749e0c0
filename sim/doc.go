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
// Actors enter and leave the system: an actor whose ActorSpec.Entry is
// after the start takes part from that year (package simdata takes entry
// years from the COW state system, so India and Pakistan come in 1947);
// one whose Exit year has passed gives notice in its pacts, acts no more
// and no longer counts among the states.
//
// Each year runs these phases, each on a fixed day (before each, what
// came due in a pact since its last event, a notice run out or a vote
// closed, is recorded by entente.Advance, so agents act on the pact as it
// stands): power shifts, then
// militarized disputes between rivals, threat perception, scenario rule
// changes (amendments), formation (found or join, admission votes; pacts
// of consultation and non-aggression),
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
// the pact refuses, it founds an alliance (bilateral, or more with the
// multilateral mechanism) with the first
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
//	  − consult.benefit·(mean affinity to the others, in a pact of consultation or non-aggression)
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
// dissolution (health.floor, health.years, health.every, health.window):
// every health.every years each pact is assessed by package health (trust,
// burden fairness, cohesion, disputes, commitments, power shift) on the
// last health.window years of its record (0: the whole record). Trust
// evidence halves in weight every year (trust.DefaultHalfLife), so a
// five-year window leaves out less than 2^-5 of it, and the other
// components then describe the pact's recent years rather than its whole
// life; the window keeps an assessment's cost from growing with the
// pact's age (with the whole record, a 75-year run of 200 states took
// about twice as long). After health.years assessments below
// health.floor, the member with the most reasons to leave proposes
// dissolution, and members vote yes when their reasons to leave (R above)
// are positive; the pact's rule decides. A pact down to one member
// dissolves by that member's decision whatever the switch.
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
// consultation (consult.rate, consult.affinity, consult.benefit): pacts
// that oblige their members to consult, or not to attack one another,
// without a defence obligation: ATOP codes them beside defence, offence
// and neutrality pacts (Leeds, B. A., Ritter, J. M., Mitchell, S. M. and
// Long, A. G. 2002, "Alliance Treaty Obligations and Provisions,
// 1815-1944", International Interactions 28(3)), and they are two fifths
// of the pacts in force in 1946-80 and three quarters in 1981-2010
// (simdata.History's defence_share). Each year each present actor, with
// probability consult.rate, invites the states it has most in common with
// and no pact yet: affinity 1 − |x_i − x_j|/2 on the policy dimension
// (from the UN ideal points of Bailey, Strezhnev and Voeten 2017,
// "Estimating Dynamic State Preferences from United Nations Voting Data",
// Journal of Conflict Resolution 61(2)), plus one for a shared border
// (COW Direct Contiguity); not its rivals. A partner accepts at affinity
// consult.affinity or more, or when it borders the proposer. The pact is
// one of non-aggression when some founders share a border, else of
// consultation; it holds no pledges, covers no threat and forms no bloc.
// Its members stay for what they share: their reasons to leave (R below)
// are lowered by consult.benefit times their mean affinity to the others.
// Off: no such pact is founded (those in force at the start stay, and
// their members weigh only abandonment and entrapment).
//
// multilateral (form.size, consult.size): ATOP's alliances average three
// members (simdata.History's mean_members), and the collective-defence
// treaties Olson and Zeckhauser studied (NATO) and Snyder discusses
// (Snyder, G. H. 1997, Alliance Politics, Cornell UP) were founded by
// many at once. A seeker that founds a defence pact with its first
// accepting candidate also brings in its next candidates while the pact is
// worth form.accept to every founder, newcomer included (cover less
// entrapment less autonomy, as for two), and no newcomer is a rival, up to
// form.size founders; a consultation pact invites up to consult.size
// partners at once. Off: every new pact has two founders.
//
// entrants (entry.boost): a state new to the system (its COW entry year
// after the start, package simdata) proposes consultation and
// non-aggression pacts entry.boost times as often in its first five years:
// new states settle their borders and their relations with neighbours and
// the former metropole by treaty, as the successor states of the Soviet
// Union did in the Commonwealth of Independent States' treaties of
// 1991-1993 that make much of ATOP's post-Cold War wave. Off: new states
// propose at the common rate.
//
// Rules: rule.general and rule.admission set the rules of pacts founded
// during the run; a scenario's "rule" line changes them in a year and puts
// the change to every pact in force as an amendment under its own
// amendment rule.
//
// # What-if for a live pact
//
// WhatIfPact takes a live pact as a store holds it ('entente sim --pact ID
// --periods N --assume quanta=40%') and simulates its next periods under
// stated assumptions (each member pledges its usual amount and delivers its
// record's share of it, or the share assumed), on a copy through the same
// commands and rules, reporting the distribution of its health, the
// probability that a dispute reaches arbitration and the probability of
// dissolution (see WhatIf for the behaviour). The API answers the same
// what-if at GET /api/pacts/{id}/whatif, with its work bounded and stopped
// when the client goes away (WhatIfPactContext).
//
// # Statistics
//
// Each year a run reports (Statistics): states (actors in the system that
// year), alliances (pacts in force with at least two members),
// defence_share (of those, the share with a defense or offense
// obligation), allied_share
// (of the states, those in at least one defence pact),
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
// # Calibration and validation
//
// DefaultParams are judgement. Calibrated fits ten of them
// (simdata.Fitted: form.threshold, form.rate, form.accept, leave.bias,
// leave.benefit, threat.contiguity, consult.rate, consult.affinity,
// consult.benefit, entry.boost) by the simulated method of moments
// (Calibrate): the yearly means over runs of the statistics in Moments
// (alliances, defence_share, allied_share, mean_members,
// asymmetric_share, density, formations, terminations) are matched to
// their real values in ATOP 5.1 (simdata.History, which measures each as
// the simulator does) over 1946-1980, minimising Loss (the squared yearly
// errors relative to the span's real mean, summed over the statistics)
// with Nelder–Mead, common random numbers and 4 runs per evaluation
// ('entente sim validate --runs 4 --fit 200': 201 evaluations, loss 1.94
// at the previous calibration with the new mechanisms at their defaults,
// 1.07 fitted). Then each span, 1946-1980 and the held-out 1981-2010, is
// simulated afresh from the real world of its first year and compared
// with history and with a null model (NullModel: alliances form and end
// at the training span's real rates, among partners picked at random).
// 'entente sim validate' prints the table; TestValidationTable in package
// simdata pins it (with 4 runs).
//
// The result (20 runs of each model per span, seed 7; real: the span mean
// of the yearly ATOP values; model and null: the mean over runs of their
// span means, with the 5%-95% band across runs; RMSE of the yearly means):
//
//	span      statistic         real    model [band]            null  [band]            RMSE model  null
//	1946-80   alliances         83.83   96.54 [89.72, 101.7]    78.68 [72.37, 84.87]    14.32       7.874
//	1946-80   defence_share     0.575   0.485 [0.459, 0.539]    0.574 [0.525, 0.631]    0.105       0.079
//	1946-80   allied_share      0.662   0.596 [0.576, 0.612]    0.658 [0.596, 0.722]    0.135       0.097
//	1946-80   mean_members      3.165   3.347 [3.283, 3.412]    3.108 [2.943, 3.271]    0.248       0.148
//	1946-80   asymmetric_share  0.798   0.561 [0.530, 0.598]    0.737 [0.706, 0.764]    0.242       0.077
//	1946-80   density           0.093   0.077 [0.070, 0.082]    0.070 [0.053, 0.088]    0.024       0.027
//	1946-80   formations        5.971   6.114 [5.701, 6.584]    5.784 [5.199, 6.230]    3.175       3.358
//	1946-80   terminations      2.971   2.556 [2.273, 2.807]    2.761 [2.479, 3.041]    2.147       2.359
//	1981-2010 alliances         252.9   161.0 [150.4, 168.5]    177.5 [166.1, 190.9]    114.9       101.4
//	1981-2010 defence_share     0.228   0.323 [0.295, 0.358]    0.507 [0.479, 0.535]    0.120       0.315
//	1981-2010 allied_share      0.660   0.518 [0.497, 0.542]    0.767 [0.737, 0.799]    0.171       0.121
//	1981-2010 mean_members      3.072   3.388 [3.294, 3.451]    3.163 [2.973, 3.419]    0.388       0.171
//	1981-2010 asymmetric_share  0.799   0.655 [0.638, 0.682]    0.776 [0.758, 0.794]    0.150       0.026
//	1981-2010 density           0.147   0.068 [0.064, 0.073]    0.078 [0.065, 0.097]    0.095       0.089
//	1981-2010 formations        10.83   7.085 [6.467, 7.570]    9.508 [8.727, 10.07]    13.17       13.15
//	1981-2010 terminations      3.667   4.633 [4.323, 5.003]    6.797 [6.198, 7.280]    4.983       5.771
//
// The model now beats the null model on both spans, narrowly in training
// and clearly held out: its loss is 1.076 against 1.091 on the training
// span and 4.35 against 6.42 held out (before the consultation,
// multilateral and entrants mechanisms: 1.76 against 1.09 and 9.22
// against 6.42). Most of the held-out gain is the share of defence pacts
// (0.32 against the real 0.23; the null model keeps the training span's
// 0.51): the model founds pacts of consultation and non-aggression, and
// new states found more of them. The null model is still closer on six
// of the eight statistics in at least one span: the model's alliances
// are too few after 1980 (161 against 253: the wave is there, 7.1
// formations a year against 6.1 before 1980, but not large enough, 10.8
// real), its pacts too symmetric (asymmetric_share 0.56-0.66 against
// 0.80: partners of shared interests are often alike in power), and
// fewer states are in a defence pact (0.52 against 0.66 held out). The
// formations' yearly RMSE is at the null model's: both miss the year to
// year swings (1992's treaties) by as much.
//
// Switching each mechanism off in turn ('entente sim validate --ablate',
// 20 runs per span, the same seeds) changes the loss (training, held out;
// full model 1.076 and 4.345) by: consultation +1.37 and +11.79 (without
// pacts of consultation and non-aggression, and with members now readier
// to leave, the post-1980 system is nearly all defence pacts and far too
// small); multilateral +2.25, +1.19 (bilateral pacts only: too few
// members and too many pacts before 1980); admission +6.70, +0.34
// (members who admit anyone build a few huge pacts); entrants +0.11,
// +0.30; powershifts +0.06, +0.24; abandonment +0.14, +0.20; disputes
// -0.01, +0.20; trust +0.02, +0.19; publicgoods +0.10, +0.17; entrapment
// +0.06, +0.15; conflict +0.05, +0.15; proposals +0.01, +0.13; partners
// +0.01, +0.11; threat +0.15, -0.04 (without it every actor feels a
// threat equal to its capability, which under the fitted threshold makes
// nearly everyone seek allies, much as the threats do); dissolution 0.00
// and 0.00: no pact's health stays below health.floor for health.years
// running, so the mechanism never acts, and pacts end only when members
// leave.
//
// # The landscape baseline
//
// Landscape theory (Axelrod and Bennett 1993, package landscape) predicts
// a two-bloc alignment, not yearly statistics, so it is compared on
// alignments ('entente sim validate --landscape', simdata.CompareLandscape):
// for the 20 strongest states present at a span's start and end, its
// global minimum from the start (sizes: capability shares; propensities:
// the centred S similarity of their alliance portfolios at the start),
// the start's alignment by defence pacts kept as it was (persistence),
// and the simulation's alignment at the end, each set against history's
// at the end by the Rand index (the share of pairs both put on the same
// side or both apart; 4 runs, seed 7, pinned in package simdata):
//
//	span       landscape  persistence  simulation [band]
//	1946-80    0.400      0.553        0.537 [0.513, 0.572]
//	1981-2010  0.400      0.863        0.542 [0.528, 0.556]
//
// The landscape prediction does worst on both spans: from the 1946
// portfolios it splits the Americas (the Act of Chapultepec) from
// everyone else, where 1980 had NATO, the Warsaw Pact and many states in
// neither; from 1981 it puts the United States, Brazil and Mexico against
// the rest. Keeping the start's pacts does best, by far after 1980 (few
// defence pacts among the strongest states changed); the simulation,
// which founds and ends pacts among them, is between the two.
package sim
