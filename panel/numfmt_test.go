package panel

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/entente/entente/fpsim"
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
