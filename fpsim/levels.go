package fpsim

// Alliance portfolio levels: the ordinal COW/EUGene coding, in which a tie
// ranks above every weaker tie. Callers pass these codes in the level matrix
// of NewPortfolioYear and in the vectors of ComparePortfolios; a different
// ordinal scale with levels 0..maxLevel (maxLevel ≤ 3), such as the binary
// "any alliance" coding, can be passed as well.
const (
	NoAlliance  int8 = 0 // no alliance
	Entente     int8 = 1 // entente / consultation pact
	Neutrality  int8 = 2 // neutrality or non-aggression pact
	DefensePact int8 = 3 // defense pact (ATOP: defense or offense)

	// Missing marks a cell with no data: the state in that column was not in
	// the system, or the row state's tie to it is unknown. A missing cell is
	// dropped from the dimensions of every dyad that involves it; it is
	// never read as NoAlliance.
	Missing int8 = -1
)

// MaxLevels is the largest number of ordinal categories a scale may have
// (levels 0..MaxLevels-1). Four covers the alliance coding; votes use three.
const MaxLevels = 4

// COWLevel maps the COW dyadic alliance indicators of one dyad-year to the
// ordinal level, taking the strongest tie present: defense pact 3,
// neutrality or non-aggression 2, entente 1, none 0. These are the COW
// alliance types I, IIa/IIb and III, ranked as EUGene does.
func COWLevel(defense, neutrality, nonaggression, entente bool) int8 {
	switch {
	case defense:
		return DefensePact
	case neutrality || nonaggression:
		return Neutrality
	case entente:
		return Entente
	}
	return NoAlliance
}

// ATOPLevel maps the ATOP obligation indicators of one dyad-year to the
// ordinal level: defense or offense 3, neutrality or non-aggression 2,
// consultation 1, none 0. This mirrors the COW ranking (consultation stands
// where COW's entente stands). Chiba et al. (2022), as used in S. Miller's
// fpsim scripts, rank consultation with neutrality and non-aggression last
// instead; a caller who wants that ranking builds its own levels.
func ATOPLevel(defense, offense, neutrality, nonaggression, consultation bool) int8 {
	switch {
	case defense || offense:
		return DefensePact
	case neutrality || nonaggression:
		return Neutrality
	case consultation:
		return Entente
	}
	return NoAlliance
}

// UN General Assembly vote codes, as in Voeten's roll-call data (Bailey,
// Strezhnev and Voeten 2017). Only yes, abstain and no enter a dyad's
// comparison; absent and not-a-member are dropped pairwise.
const (
	VoteYes       int8 = 1
	VoteAbstain   int8 = 2
	VoteNo        int8 = 3
	VoteAbsent    int8 = 8
	VoteNotMember int8 = 9
)

// voteLevel maps a vote code to its ordinal position (yes 0, abstain 1,
// no 2), -1 for a code that is dropped, and -2 for a code that is invalid.
func voteLevel(code int8) int8 {
	switch code {
	case VoteYes:
		return 0
	case VoteAbstain:
		return 1
	case VoteNo:
		return 2
	case VoteAbsent, VoteNotMember:
		return -1
	}
	return -2
}
