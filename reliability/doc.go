// Package reliability replicates, from ATOP 5.1 and the COW Inter-State War
// data, how often alliance commitments are honoured when the conditions for
// invoking them arise. It is pure: it takes dataset values (atop.Member rows,
// peacesciencer War or MID rows) and returns cases and shares.
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
// is named. Other conditions cannot be tested with these data and are
// assumed met, and the case is flagged Unchecked: the location of the
// fighting (defcoloc), the specific conflict (defcocon), the number of
// attackers (defconum), demands (defcodem), and an adversary that is not a
// named state. Non-provocation (defconpr) is approximated by the attacked
// test. Alliances formed during the same war (ATOP cowwar = the war number)
// are left out: they are wartime coalitions, not prior commitments.
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
//   - Conditions on location, the specific conflict, the number of attackers
//     and demands are assumed met (Unchecked); the papers read the treaty.
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
package reliability
