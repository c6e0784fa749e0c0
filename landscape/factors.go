package landscape

import (
	"fmt"
	"math"
	"slices"

	"github.com/entente/entente/dataset/atopindex"
	"github.com/entente/entente/dataset/nmc"
	"github.com/entente/entente/dataset/peacesciencer"
)

// FactorData is what Axelrod and Bennett's propensity factors are built
// from (the peacesciencer files).
type FactorData struct {
	Democracy  []peacesciencer.Democracy  // Polity IV polity2 (ccode_democracy.csv)
	Contiguity []peacesciencer.Contiguity // COW direct contiguity 3.2 (cow_contdir.csv)
	MIDs       []peacesciencer.MID        // COW-MID dyad-years (cow_mid_ddydisps.csv)
	Wars       []peacesciencer.War        // COW inter-state wars 4.0 (cow_war_inter.csv)
	Rivalries  []peacesciencer.TSSRivalry // Thompson, Sakuwa and Suhas strategic rivalries (tss_rivalries.csv)
}

// The windows of the factors: border conflicts are MIDs between land
// neighbours since the Versailles settlement; past wars are COW inter-state
// wars since 1900.
const (
	BorderFrom = 1919
	WarFrom    = 1900
)

// Religions of the population, the categories of EuropeReligions.
const (
	Catholic   = "catholic"
	Protestant = "protestant"
	Orthodox   = "orthodox"
	NoReligion = "none"
)

// EuropeReligions is the predominant religion of each of the 17 states'
// populations in the interwar censuses, the one factor of Axelrod and
// Bennett that no stored dataset holds for 1936 (CREG and the World
// Religion Project begin in 1945, and neither is dyadic). It was typed
// from general reference knowledge of the censuses of about 1930, not read
// from a stored copy; the one stored replication of the case
// (Glynne-Jones, "landscape-aggregation") codes every state the same way
// except the USSR, which it codes as atheist (EuropeReligionsStateAtheism).
// Britain's Anglican church counts as Protestant; Germany (about 60%
// Protestant), Yugoslavia (about 48% Orthodox), Hungary (about 65%
// Catholic) and Latvia (about 55% Lutheran) by plurality. The USSR is
// coded by its population's tradition (Orthodox): its state atheism is
// its communist government, which the government factor counts already.
var EuropeReligions = map[int]string{
	200: Protestant, 220: Catholic, 365: Orthodox, 315: Catholic, 345: Orthodox,
	350: Orthodox, 390: Protestant, 290: Catholic, 235: Catholic, 255: Protestant,
	325: Catholic, 310: Catholic, 360: Orthodox, 375: Protestant, 366: Protestant,
	367: Protestant, 368: Catholic,
}

// EuropeReligionsStateAtheism is EuropeReligions with the USSR coded by
// its state's official atheism instead of its population's tradition, as
// the Glynne-Jones replication codes it: the USSR then shares a religion
// with none of the others.
var EuropeReligionsStateAtheism = func() map[int]string {
	m := make(map[int]string, len(EuropeReligions))
	for k, v := range EuropeReligions {
		m[k] = v
	}
	m[365] = NoReligion
	return m
}()

// EuropeCommunist lists the states of EuropeStates with a communist
// government in 1936: the USSR alone. Polity scores cannot tell a
// communist autocracy from a fascist one (both −9), which Axelrod and
// Bennett's type-of-government factor separates.
var EuropeCommunist = []int{365}

// FactorOptions are the codings the data cannot supply; the zero value
// uses EuropeReligions and EuropeCommunist.
type FactorOptions struct {
	Religions map[int]string // predominant religion by COW code
	Communist []int          // COW codes of communist governments
}

// Factors holds the pairwise factor scores of the 17 states, each in
// {−1, 0, +1}, symmetric with a zero diagonal.
type Factors struct {
	// Regime: the type of government, each state a democracy (polity2
	// ≥ 6), a communist state (FactorOptions.Communist) or another
	// autocracy (polity2 ≤ −6); +1 for two of one type, −1 for two of
	// different types, 0 when either is neither (polity2 from −5 to 5)
	// or has no score.
	Regime [][]float64 `json:"regime"`
	// Religion: +1 for the same predominant religion, −1 otherwise
	// (FactorOptions.Religions; 0 when either is not coded).
	Religion [][]float64 `json:"religion"`
	// Border: −1 when the two share a land or river border (COW
	// contiguity type 1 in force on the day) and either had a MID with
	// each other from BorderFrom to the day's year or were in a spatial
	// (territorial) strategic rivalry in the day's year.
	Border [][]float64 `json:"border"`
	// War: the two's most recent COW inter-state war from WarFrom to the
	// day's year: −1 when they fought each other in it, +1 when they
	// fought on the same side (both fought a common opponent and not each
	// other), 0 when they shared no war.
	War [][]float64 `json:"war"`
}

// Europe1936Factors builds the Europe 1936 case with propensities from the
// factors Axelrod and Bennett (1993, "A Landscape Theory of Aggregation",
// British Journal of Political Science 23(2): 211–233) used, as far as the
// data hold them: p_ij = Regime + Religion + Border + War (Factors), each
// factor counting ±1 with equal weight. The paper's six factors are ethnic
// conflict, religion, border conflicts, type of government, economics and
// past wars; ethnic conflict (a dyadic coding of contested minorities) and
// economic ties (trade) have no source here and are left out.
//
// What could be confirmed: the paper itself was not readable in a stored
// copy (only its abstract and footnote 2). A secondary summary ("Physics
// of Society (2)", mainzerbeobachter.com, 2019, and
// grondslagen.net, 2020) gives the six factors (economic, ethnic,
// ideological, religious and historical, each +1 or −1, and border
// conflicts, −1 only) and sizes from population, military strength and
// gross national product (here the COW capability index); a public replication
// (Glynne-Jones) gives the paper's predicted sides. The exact coding rules
// (which years count for past wars and border conflicts, how government
// types were classed) were not found; the rules here are ours. Sizes are
// NMC CINC shares as in Europe1936At; day dates the contiguity (31
// December 1936 by default in the callers) and bounds the MID, rivalry,
// war and Polity windows by its year.
func Europe1936Factors(recs []nmc.Record, fd FactorData, day atopindex.Day, opt FactorOptions) (*Case, *Factors, error) {
	cinc := map[int]float64{}
	for _, r := range recs {
		if r.Year == EuropeYear && !math.IsNaN(r.CINC) {
			cinc[r.CCode] = r.CINC
		}
	}
	c, err := europeSizes(cinc)
	if err != nil {
		return nil, nil, err
	}
	if opt.Religions == nil {
		opt.Religions = EuropeReligions
	}
	if opt.Communist == nil {
		opt.Communist = EuropeCommunist
	}
	n := len(EuropeStates)
	idx := map[int]int{}
	for i, s := range EuropeStates {
		idx[s.CCode] = i
	}
	year := day.Year()
	f := &Factors{Religion: religionFactor(opt.Religions), War: warFactor(fd.Wars, year)}
	if f.Regime, err = regimeFactor(fd.Democracy, opt.Communist, year); err != nil {
		return nil, nil, err
	}
	f.Border = borderFactor(fd, idx, day)
	c.Propensities = square(n)
	for i := range n {
		for j := range n {
			c.Propensities[i][j] = f.Regime[i][j] + f.Religion[i][j] + f.Border[i][j] + f.War[i][j]
		}
	}
	return c, f, nil
}

// govType is a state's type of government for the regime factor: 1
// democracy, 2 communist, 3 other autocracy, 0 neither or unknown.
func govType(polity map[int]float64, communist []int, c int) int {
	if slices.Contains(communist, c) {
		return 2
	}
	p, ok := polity[c]
	switch {
	case !ok:
		return 0
	case p >= 6:
		return 1
	case p <= -6:
		return 3
	}
	return 0
}

// regimeFactor scores each pair's types of government in year.
func regimeFactor(dem []peacesciencer.Democracy, communist []int, year int) ([][]float64, error) {
	polity := map[int]float64{}
	for _, d := range dem {
		if d.Year == year && !math.IsNaN(d.Polity2) {
			polity[d.CCode] = d.Polity2
		}
	}
	if len(polity) == 0 {
		return nil, fmt.Errorf("landscape: no polity2 score in %d", year)
	}
	f := square(len(EuropeStates))
	for i, a := range EuropeStates {
		for j, b := range EuropeStates {
			ta, tb := govType(polity, communist, a.CCode), govType(polity, communist, b.CCode)
			if i == j || ta == 0 || tb == 0 {
				continue
			}
			f[i][j] = -1
			if ta == tb {
				f[i][j] = 1
			}
		}
	}
	return f, nil
}

// religionFactor scores each pair's predominant religions.
func religionFactor(rel map[int]string) [][]float64 {
	f := square(len(EuropeStates))
	for i, a := range EuropeStates {
		for j, b := range EuropeStates {
			ra, rb := rel[a.CCode], rel[b.CCode]
			if i == j || ra == "" || rb == "" {
				continue
			}
			f[i][j] = -1
			if ra == rb && ra != NoReligion {
				f[i][j] = 1
			}
		}
	}
	return f
}

// borderFactor marks the land neighbours on day with a MID since
// BorderFrom or a spatial rivalry in day's year.
func borderFactor(fd FactorData, idx map[int]int, day atopindex.Day) [][]float64 {
	f := square(len(EuropeStates))
	land := map[[2]int]bool{}
	for _, ct := range fd.Contiguity {
		i, okA := idx[ct.CCode1]
		j, okB := idx[ct.CCode2]
		if !okA || !okB || ct.Type != 1 {
			continue
		}
		from, to := atopindex.EntryDay(ct.Start), atopindex.ExitDay(ct.End, atopindex.LastYear)
		if from <= day && day <= to {
			land[[2]int{i, j}], land[[2]int{j, i}] = true, true
		}
	}
	mark := func(a, b int) {
		i, okA := idx[a]
		j, okB := idx[b]
		if okA && okB && land[[2]int{i, j}] {
			f[i][j], f[j][i] = -1, -1
		}
	}
	year := day.Year()
	for _, m := range fd.MIDs {
		if m.Year >= BorderFrom && m.Year <= year {
			mark(m.CCode1, m.CCode2)
		}
	}
	for _, r := range fd.Rivalries {
		if r.Spatial && r.Start <= year && year <= r.End {
			mark(r.CCode1, r.CCode2)
		}
	}
	return f
}

// warFactor scores each pair by its most recent shared COW inter-state
// war from WarFrom to year: −1 opponents, +1 on the same side.
func warFactor(wars []peacesciencer.War, year int) [][]float64 {
	type war struct {
		last  int
		opp   map[[2]int]bool
		sides map[int]bool // participants
	}
	byNum := map[int]*war{}
	for _, w := range wars {
		if w.Year < WarFrom || w.Year > year || w.Side1 == w.Side2 {
			continue
		}
		x := byNum[w.WarNum]
		if x == nil {
			x = &war{opp: map[[2]int]bool{}, sides: map[int]bool{}}
			byNum[w.WarNum] = x
		}
		x.last = max(x.last, w.Year)
		x.opp[[2]int{w.CCode1, w.CCode2}], x.opp[[2]int{w.CCode2, w.CCode1}] = true, true
		x.sides[w.CCode1], x.sides[w.CCode2] = true, true
	}
	nums := make([]int, 0, len(byNum))
	for k := range byNum {
		nums = append(nums, k)
	}
	// Oldest first, so that a later war overwrites an earlier one.
	slices.SortFunc(nums, func(a, b int) int {
		if d := byNum[a].last - byNum[b].last; d != 0 {
			return d
		}
		return a - b
	})
	f := square(len(EuropeStates))
	for _, k := range nums {
		w := byNum[k]
		for i, a := range EuropeStates {
			for j, b := range EuropeStates {
				if i == j || !w.sides[a.CCode] || !w.sides[b.CCode] {
					continue
				}
				switch {
				case w.opp[[2]int{a.CCode, b.CCode}]:
					f[i][j] = -1
				case sharedOpponent(w.opp, w.sides, a.CCode, b.CCode):
					f[i][j] = 1
				}
			}
		}
	}
	return f
}

// sharedOpponent reports whether a and b both fought some state in a war.
func sharedOpponent(opp map[[2]int]bool, sides map[int]bool, a, b int) bool {
	for e := range sides {
		if opp[[2]int{a, e}] && opp[[2]int{b, e}] {
			return true
		}
	}
	return false
}
