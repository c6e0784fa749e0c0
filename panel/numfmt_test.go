package panel

import (
	"bytes"
	"context"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/entente/entente/fpsim"
	"github.com/entente/entente/internal/numfmt"
	"pgregory.net/rapid"
)

// TestWritersByteIdentical checks that the research writers, which fill
// typed rows that table.CSVWriter formats with a numfmt.Writer, write exactly the bytes of the plain
// per-number formatting (AppendPortfolio, AppendVote, AppendSessionVote)
// on real data: portfolio similarity in years across the whole span and
// UN-vote similarity by year and by session.
func TestWritersByteIdentical(t *testing.T) {
	p := realPanelT(t)
	for _, y := range []int{1816, 1914, 1950, 1990, 2016} {
		yr, _ := p.Year(y)
		py, err := yr.Portfolio(OwnTies)
		if err != nil {
			t.Fatal(err)
		}
		var want, got bytes.Buffer
		want.WriteString(strings.Join(PortfolioHeader(), ",") + "\n")
		err = py.Dyads(fpsim.Options{}, func(d fpsim.PortfolioDyad) error {
			want.Write(AppendPortfolio(nil, y, yr.States[d.I], yr.States[d.J], &d.PortfolioScores))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := p.WritePortfolios(context.Background(), &got, y, y, OwnTies, noStep); err != nil {
			t.Fatal(err)
		}
		if want.Len() == 0 || !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("portfolio %d: %d bytes written, %d expected, identical %v", y, got.Len(), want.Len(), bytes.Equal(got.Bytes(), want.Bytes()))
		}
	}
	m := votes(t)
	for _, bySession := range []bool{false, true} {
		for _, u := range []int{1946, 1950, 1985, 2015, 2020, 1, 5, 40, 70, 74} {
			if bySession != (u < 100) {
				continue
			}
			matrix := VoteYear
			if bySession {
				matrix = VoteSession
			}
			vm, codes, err := matrix(m, u, nil)
			if err != nil {
				t.Fatal(err)
			}
			var want, got bytes.Buffer
			header := VoteHeader()
			if bySession {
				header = SessionVoteHeader()
			}
			want.WriteString(strings.Join(header, ",") + "\n")
			err = vm.Dyads(fpsim.Options{}, func(d fpsim.VoteDyad) error {
				if bySession {
					want.Write(AppendSessionVote(nil, u, true, codes[d.I], codes[d.J], &d.VoteScores))
				} else {
					want.Write(AppendVote(nil, u, codes[d.I], codes[d.J], &d.VoteScores))
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := WriteVotes(context.Background(), &got, m, u, u, bySession, true, nil, noStep); err != nil {
				t.Fatal(err)
			}
			if want.Len() == 0 || !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("votes %d (session %v): %d bytes written, %d expected", u, bySession, got.Len(), want.Len())
			}
		}
	}
}

// noStep counts no progress.
func noStep(int) error { return nil }

// TestVoteLines: the lines WriteVotes writes by hand (voteLines, with
// "year,ccode1," copied within a run and kappa and pi on the squared
// scale copied when they equal the absolute) are strconv's text of each
// field, for runs of dyads that share their first fields or not, codes
// and years off the small-integer path, and measures that are equal,
// zeros of either sign, NaN, infinities, shares k/n and arbitrary values.
func TestVoteLines(t *testing.T) {
	field := func(buf []byte, v float64) []byte {
		switch {
		case math.IsNaN(v):
			return buf
		case math.IsInf(v, 1):
			return append(buf, "Inf"...)
		case math.IsInf(v, -1):
			return append(buf, "-Inf"...)
		}
		return strconv.AppendFloat(buf, v, 'f', -1, 64)
	}
	rapid.Check(t, func(t *rapid.T) {
		var vl voteLines
		nf := numfmt.NewCSV()
		year := rapid.SampledFrom([]int{1946, 2020, 9999, 10000, 123456, -5}).Draw(t, "year")
		a := rapid.SampledFrom([]int{2, 20, 365, 9999, 10000, -1}).Draw(t, "a")
		for i := range rapid.IntRange(1, 30).Draw(t, "lines") {
			if rapid.IntRange(0, 4).Draw(t, "new run") == 0 {
				year = rapid.IntRange(-3, 20000).Draw(t, "year")
				a = rapid.IntRange(-3, 20000).Draw(t, "a")
			}
			b := rapid.IntRange(-3, 20000).Draw(t, "b")
			n := rapid.IntRange(0, 400).Draw(t, "n")
			num := func(name string) float64 {
				switch rapid.IntRange(0, 6).Draw(t, name+" kind") {
				case 0:
					return math.NaN()
				case 1:
					return rapid.SampledFrom([]float64{0, math.Copysign(0, -1), 1, -1, math.Inf(1), math.Inf(-1)}).Draw(t, name)
				case 2, 3:
					d := rapid.IntRange(1, 320).Draw(t, name+" d")
					return float64(rapid.IntRange(-d, d).Draw(t, name+" k")) / float64(d)
				}
				return rapid.Float64Range(-1, 1).Draw(t, name)
			}
			var s fpsim.VoteScores
			s.N = int32(n)
			s.Agree, s.AgreeHalf, s.SAbs, s.SSq = num("agree"), num("half"), num("sabs"), num("ssq")
			s.KappaAbs, s.PiAbs, s.TauB = num("kappa"), num("pi"), num("tau")
			s.KappaSq, s.PiSq = s.KappaAbs, s.PiAbs
			if rapid.Bool().Draw(t, "kappa differs") {
				s.KappaSq = num("kappa sq")
			}
			if rapid.Bool().Draw(t, "pi differs") {
				s.PiSq = num("pi sq")
			}
			want := []byte("x")
			for j, v := range []int{year, a, b, n} {
				if j > 0 {
					want = append(want, ',')
				}
				want = strconv.AppendInt(want, int64(v), 10)
			}
			for _, v := range []float64{s.Agree, s.AgreeHalf, s.SAbs, s.SSq, s.KappaAbs, s.KappaSq, s.PiAbs, s.PiSq, s.TauB} {
				want = field(append(want, ','), v)
			}
			want = append(want, '\n')
			if got := vl.appendVote([]byte("x"), nf, year, a, b, &s); !bytes.Equal(got, want) {
				t.Fatalf("line %d: %q, want %q", i, got, want)
			}
			// With room in the buffer: the fixed-size copies.
			if got := vl.appendVote(append(make([]byte, 0, 512), 'x'), nf, year, a, b, &s); !bytes.Equal(got, want) {
				t.Fatalf("line %d with room: %q, want %q", i, got, want)
			}
			if got := AppendVote([]byte("x"), year, a, b, &s); !bytes.Equal(got, want) {
				t.Fatalf("AppendVote, line %d: %q, want %q", i, got, want)
			}
		}
	})
}
