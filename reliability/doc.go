// Package reliability replicates two published findings on alliance
// commitments from ATOP 5.1 and the COW conflict data: how often they are
// honoured when the conditions for invoking them arise (Cases, Share), and
// whether they deter or embolden the initiation of militarised disputes
// (Deterrence). It is pure: it takes dataset values (atop.Member rows,
// peacesciencer War or MID rows, COW state-years and capabilities) and
// returns cases, shares and fitted models.
//
// # The published findings
//
// Leeds, Long and Mitchell (2000), "Reevaluating Alliance Reliability:
// Specific Threats, Specific Promises", Journal of Conflict Resolution 44(5):
// 686-699: taking each treaty's own obligations and conditions into account,
// "alliances are reliable 74.5% of the time" (1816-1944), against about 25%
// in earlier work that asked only whether allies joined their partners' wars
// (abstract, replication record doi:10.7910/DVN/55VDFM). Leeds (2003,
// International Organization 57: 801-827) restates it as "about 75 percent".
//
// Berkemeier and Fuhrmann (2018), "Reassessing the fulfillment of alliance
// commitments in war", Research & Politics (April 2018), abstract: 50% over
// 1816-2003; 66% before 1945 and 22% over 1945-2003; defence pacts 41%,
// non-aggression pacts 37%, offensive alliances 74%, neutrality pacts 78%.
// (The often-quoted "about 50%" is their whole-period figure, not the
// post-1945 one.)
//
// # Coding
//
// Conflicts. A war is the set of states in COW Inter-State War 4.0 (the
// directed dyad-years of peacesciencer's cow_war_inter.csv) with the same war
// number; each state has a side, an initiator flag and an entry year (its
// first year at war in the war). The attacker side is the side of the coded
// initiators; when no state or states on both sides are initiators, who was
// attacked is unknown. MIDsFromDyads builds disputes the same way from the
// dyadic MID files (side A = attacker side), for a variant.
//
// The casus foederis. For each war participant A and each alliance phase in
// which A and a co-member B (a COW system member, ATOP cowsys) were both
// members at some time in A's entry year (atopindex date conventions), B's
// own obligations (its member row: one-sided pledges stay one-sided) are
// invoked as follows:
//   - defence: A is on the side opposite the initiators (A was attacked);
//   - offence: A is on the initiators' side;
//   - neutrality and non-aggression: A is at war;
//   - consultation alone: never counted (its fulfilment is not in the data).
//
// Conditions. A pledge limited to named adversaries (defcoadv, offcoadv,
// neucoadv with statthr1/statthr2) is invoked only when one of A's opponents
// is named. Cases assumes every other condition met and flags the case
// Unchecked. CasesWith (Conditions) also checks, as Leeds, Long and
// Mitchell judged invocation by each treaty's conditions: the location of
// the conflict (defcoloc, offcoloc, neucoloc: met when an opponent of A is
// directly contiguous to A, COW types 1-4, in A's entry year; ATOP flags a
// location condition without naming the place), the number of attackers
// (defconum, offconum, neuconum: two or more opponents) and neutrality
// conditional on A being attacked or not provoking (neucoatt, neuconpr: A
// on the side opposite the initiators). Defence is always read as
// requiring A to have been attacked, which is the non-provocation test
// (defconpr). The specific conflict (defcocon), demands (defcodem) and
// adversary limits that name no state cannot be tested and stay assumed.
// Alliances formed during the same war (ATOP cowwar = the war number)
// are left out: they are wartime coalitions, not prior commitments.
//
// With the checkable conditions applied (pinned in conditions_test.go),
// 1816-1944 moves from 0.623 (205/329; 178 cases with a condition
// assumed) to 0.614 (181/295; 58 assumed) per ally and from 0.655 to
// 0.647 [0.535, 0.759] per alliance, against LLM's 0.745: the conditions
// the data can test do not explain the gap. After 1945 the location
// condition removes most invocations of pledges to fight (571 to 248) and
// the pooled share rises to 0.852.
//
// Honouring. Where a pledge to fight (defence or offence) was invoked, B
// honours it when B fights in the same war on A's side (at any time). Where
// only neutrality or non-aggression was invoked, B honours it unless B
// fights against A. The unit is (war, alliance, obliged state B): one
// decision per obliged member per war, our reading of the papers' design
// (not checked against their case lists); B honours when it met every
// invoked pledge toward every partner in that war. The year of the case is the
// earliest entry year of an invoking partner; 1816-1944 and 1945-2003 are
// split on it.
//
// Interval. Shares carry a 95% percentile bootstrap interval that resamples
// wars (cases of one war are not independent), seeded, via internal/stats.
//
// # Results (pinned in reliability_test.go)
//
//	measure                     1816-1944            1945-2003            1816-2003
//	all observable obligations  0.623 (205/329)      0.688 (1226/1783)    0.678 (1431/2112)
//	pledges to fight            0.390 (60/154)       0.072 (41/571)
//	defence pledges                                                       0.120 (82/686)
//	published                   LLM 0.745; BF 0.66   BF 0.22              BF 0.50; defence 0.41
//
// # Robustness (pinned in variants_test.go)
//
// Two variants beside the war-based, one-case-per-ally measure: disputes
// from COW-MID 5.0 instead of wars (MIDsFromDyads), and one case per
// alliance and conflict (PerAlliance: honoured when every invoked member
// honoured), so that a large multilateral treaty counts once per conflict.
//
//	variant                  all 1816-1944          all 1945-2003   to fight 1816-1944   to fight 1945-2003
//	wars, per ally           0.623                  0.688           0.390                0.072
//	wars, per alliance       0.655 [0.549, 0.747]   0.763           0.391                0.054
//	MIDs, per ally           0.600                  0.647           0.190                0.013
//	MIDs, per alliance       0.688                  0.751           0.143                0.018
//
// Counting each alliance once moves 1816-1944 to Berkemeier and Fuhrmann's
// 66%, with LLM's 74.5% at the edge of the interval. In every variant
// pledges to fight are honoured far less often after 1945 (separated
// intervals) and the pooled share does not fall.
//
// # How far and why
//
// The pooled share for 1816-1944 (0.623, interval 0.52-0.72) is 0.12 below
// LLM's 74.5% and near Berkemeier and Fuhrmann's 66%; LLM's figure lies just
// above the interval. The pooled share does not fall after 1945: the
// post-1945 cases are dominated by a handful of large multilateral treaties
// (regional organisations whose members pledge non-aggression and defence to
// one another) whose neutrality and non-aggression pledges are met by
// staying out. Restricted to pledges to fight, the share falls from 0.39 to
// 0.07 with separated intervals: the direction Berkemeier and Fuhrmann
// report (66% to 22%), but well below both papers in both periods.
//
// What the data cannot represent, compared with the hand-coded cases:
//   - Dates: COW war rows are yearly, so an alliance in force at any time in
//     the entry year counts, including one that ended before the war began
//     or began after; the papers use treaty and war dates.
//   - Who was attacked: the initiator flag is the war's, not the invoking
//     event's; a state that joins the defenders' side voluntarily counts as
//     attacked, and wars with no single initiator side invoke no defence.
//   - Conditions on the specific conflict and demands are assumed met
//     (Unchecked), and location is read from contiguity (CasesWith), not
//     from the treaty's named area; the papers read the treaty.
//   - Honouring is joining the war on the partner's side at any time; the
//     papers judge timeliness and whether the ally did what the treaty asked
//     (some defence pledges ask for less than full belligerence, and some
//     allies give the help in other ways).
//   - Multilateral treaties produce one case per obliged member, so a few
//     large post-1945 treaties weigh heavily; the hand-coded studies judge
//     invocation case by case and count far fewer post-1945 cases.
//   - Intra-alliance wars (attacker and victim in the same treaty) are kept.
//   - MIDs: the dyadic MID files keep one dispute per dyad-year, so a state's
//     part in a second dispute with the same opponent that year is missing;
//     MID-based shares are a variant, not the papers' design (both papers use
//     wars).
//
// # Deterrence: the published findings
//
// Leeds (2003), "Do Alliances Deter Aggression? The Influence of Military
// Alliances on the Initiation of Militarized Interstate Disputes", American
// Journal of Political Science 47(3): 427-439, abstract (directed
// dyad-years, 1816-1944): commitments that would require allies to
// intervene on behalf of potential targets reduce the probability that a
// dispute emerges; commitments promising offensive support to a potential
// challenger, and promises of nonintervention (neutrality), increase it.
// Johnson and Leeds (2011), "Defense Pacts: A Prescription for Peace?",
// Foreign Policy Analysis 7: 45-65, abstract (1816-2000): defensive
// alliances deter initiation; no evidence that states with defensive allies
// initiate more. Benson (2011), "Unpacking Alliances", Journal of Politics
// 73(4): 1111-1127, abstract, gives the only magnitudes found: deterrent
// alliances contingent on the adversary's attack, an 18% decrease in the
// likelihood that a third party initiates against a member; unconditional
// compellent alliances, a 249% increase when the prospective initiator is a
// member.
//
// What the papers' own files say (found in public replication archives
// indexed by code search; the articles' coefficient tables themselves were
// not found in a readable copy, so no published coefficient is compared):
//   - Johnson and Leeds's replication do-file ("Replication File for
//     Defense Pacts: A Prescription for Peace?", 07/13/10), Table 1:
//     probit dispute ptargdef pchalally pchaloff pchalneu ln_distance
//     capprop jdem s_un_glo peaceyrs peaceyrs2 peaceyrs3 — no contiguity,
//     no major-power terms, no shared alliance, and no clustering of the
//     standard errors; contiguity enters only as a robustness check.
//     Leeds and Johnson's 2017 response to Kenwick, Vasquez and Powers
//     (JOP replication do-file, 8/16/15) fits the same model.
//   - Kenwick and Vasquez's do-file for "Defense Pacts and Deterrence:
//     Caveat Emptor" (JOP 2017) fits the same controls as a logit with
//     errors clustered by directed dyad, over all years, year < 1946 and
//     year > 1945, splitting ptargdef into pacts formed before and after.
//     Kenwick, Vasquez and Powers (2015), "Do Alliances Really Deter?",
//     JOP 77(4): 943-954, abstract: in the pre-nuclear era alliance
//     formation is positively associated with dispute initiation and war
//     onset; in the nuclear era forming certain types of alliance reduces
//     dispute initiation. Their design (ten-year windows around alliance
//     formation) is not the one replicated here.
//   - J. Alley's re-analyses (github.com/joshuaalley/alliances-conflict-dyads)
//     refit Johnson and Leeds as a logit and report that with dyadic
//     cluster-robust errors the target's and the challenger's defence pacts
//     are no longer significant.
//
// Leeds's (2003) own control set was not found.
//
// # Deterrence: coding
//
// Unit: every directed pair (challenger A, target B) of COW system members
// in a year (system2016). Outcome: A initiates a MID against B that year:
// a COW-MID 5.0 dyad-year (peacesciencer's cow_mid_ddydisps) with onset, A
// on side A and B not, both originators (joiners are not initiators).
// Alliance variables, from the ties in force on 1 January of the year
// (atopindex, before any dispute of the year), from third states only:
//   - target_defence: some C other than A owes B defence, and C's pledge is
//     not limited to named adversaries that exclude A (defcoadv with
//     statthr1/2, as in Cases; a limit without a named state is taken as
//     applying);
//   - challenger_offence, challenger_neutrality: some C other than B owes A
//     offence (offcoadv) or neutrality (neucoadv), applicable against B;
//   - challenger_defence: some C other than B owes A defence;
//   - allied: A and B share an ATOP alliance.
//
// Controls (every column is coded for every row; a specification picks
// some): COW direct contiguity types 1-4 (land, or at most 150 miles of
// water); log(1 + km) between capitals (peacesciencer's capitals, the one
// in force on 1 July); A's share of the pair's CINC (NMC 6.0); COW major
// power status of each; joint democracy (both Polity2 >= 6); peace years
// since the pair's last MID year, or since the pair entered the system
// together, with its square/100 and cube/1000 (Carter and Signorino 2010);
// s_score, the Signorino-Ritter S (absolute distance, unweighted, global:
// every system member's portfolio) from the ATOP ties in force on 1
// January, each tie at the strongest obligation either state undertook
// (defence or offence 3, neutrality or non-aggression 2, consultation 1),
// symmetric as EUGene's COW-based s_un_glo. Dyad-years missing CINC,
// Polity2 or a capital are left out for every specification (Dropped), so
// models with and without controls compare the same rows.
//
// Specifications (DeterrenceSpecs): "default", DeterrenceTerms (alliance
// variables, shared alliance, contiguity, distance, capability share,
// major powers, joint democracy, peace-years cubic); "jl2011", Johnson and
// Leeds's Table 1 as their do-file has it; "none", the four alliance
// variables alone; "full", default and S. Logit or probit (stats.FitBinary)
// by maximum likelihood; standard errors clustered by undirected dyad with
// the factor G/(G-1), the sandwich built from each link's score and
// observed information. Effect is the relative change in the mean
// predicted probability when a variable is 1 rather than 0 in every row.
// NewDeterrenceSample codes a span once; Fit estimates any sub-span, with
// the same figures as Deterrence on that span alone.
//
// # Deterrence: results (pinned in deterrence_test.go and deterrence_specs_test.go)
//
// Default specification (logit):
//
//	                          1816-1944 (N 212,400; 740 initiations)   1816-2000 (N 1,106,850; 2,047)
//	target_defence            -0.168 (SE 0.111) -15%                    -0.007 (SE 0.079) -1%
//	challenger_offence        +0.263 (SE 0.127) +29%                    +0.002 (SE 0.133)  0%
//	challenger_neutrality     +0.322 (SE 0.119) +37%                    +0.270 (SE 0.095) +29%
//	challenger_defence        -0.213 (SE 0.110) -19%                    -0.019 (SE 0.078) -2%
//
// target_defence under each specification (SE clustered by dyad; 1945-2000
// N 894,450 with 1,307 initiations):
//
//	             none             jl2011 logit     jl2011 probit    full
//	1816-1944    +0.178 (0.119)   -0.023 (0.118)   +0.017 (0.041)   -0.014 (0.112)
//	1945-2000    +0.020 (0.113)   +0.364 (0.132)   +0.108 (0.039)   +0.009 (0.114)
//	1816-2000    -0.209 (0.077)   +0.057 (0.077)   +0.009 (0.025)   +0.014 (0.082)
//
// Reproduced: before 1945 offensive and neutrality pledges to the
// challenger raise initiation, significantly, under every specification
// (jl2011 logit +1.05 and +0.46, z 7.3 and 3.9), as Leeds (2003) finds;
// over 1816-2000 challengers with defensive allies do not initiate
// significantly more (jl2011 logit z 1.9, probit z 1.1), as Johnson and
// Leeds find. Not reproduced: the deterrent effect. It appears only
// without controls over 1816-2000 (-0.209, z -2.7, -19%, close to
// Benson's -18%); Johnson and Leeds's controls (distance above all)
// remove it in every period, logit or probit; adding S to the default
// controls moves the 1816-1944 estimate from -0.168 to -0.014. Kenwick,
// Vasquez and Powers's period pattern is not what these data show either:
// there is no deterrence in either era, and after 1945, with Johnson and
// Leeds's controls, targets with defensive allies are challenged more
// often (+0.364, z +2.8; probit +0.108, z +2.8), which the default
// controls (contiguity, major powers) reduce to +0.12 (z 1.1). S itself
// is positive before 1945 and negative after (jl2011 logit +0.84 and
// -0.99).
//
// OutsideOnly (target_defence only from alliances the challenger is not a
// member of, so that an intra-alliance dispute such as Greece-Turkey in
// NATO does not count the target as protected) strengthens the raw
// association (1816-2000 -0.423, z -4.8; 1945-2000 -0.324, z -2.9) but
// not the controlled one (jl2011 logit 1816-2000 -0.006, SE 0.082;
// 1945-2000 +0.177, SE 0.112): still no deterrence.
//
// Why the figures can differ from the papers':
//   - Data versions: ATOP 5.1 and COW-MID 5.0 against the ATOP and MID
//     releases of 2003 and 2011; MID 4 and 5 recoded many disputes.
//   - Conditions: Leeds coded whether each commitment was relevant to the
//     particular challenger and target (location, named adversaries, the
//     conflict's circumstances); only the named-adversary condition is
//     applied here, so many defence pledges that would not apply count.
//   - Controls: S from ATOP ties rather than EUGene's from COW alliances;
//     log great-circle capital distance rather than EUGene's distance;
//     Polity2 with complete cases drops 10% (1816-1944) and 16%
//     (1816-2000) of the dyad-years, mostly small states.
//   - Model: Johnson and Leeds's probit had unclustered errors; here every
//     error is clustered by undirected dyad (the estimates do not depend
//     on it, and the sign of target_defence is already not theirs).
//   - Timing: commitments in force on 1 January; ATOP's state-year
//     convention (any time in the year) would count alliances formed during
//     a dispute year.
package reliability
