package panel

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"testing"
)

// TestSimilarityCSVChecksums pins the bytes of the research verbs' CSV on
// the real files: `entente similarity votes` (by year 1946-2020 and by
// session 1-74 over contested roll calls) and `similarity portfolio`
// 1816-2018 (own and either ties), as SHA-256 of the files the binary
// wrote before the numbers' formatting was rewritten (numfmt's
// seventeen-place digit writer, table.Row.FloatOnce, numfmt.AppendInt).
// Any change to a single digit of 4.5 million rows fails here. With CI set
// a missing data file fails the test (sharedata).
func TestSimilarityCSVChecksums(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 3.6 million rows; not with -short")
	}
	m := votes(t)
	src := sources(t)
	src.CarryTo = ATOPLastYear
	p, err := New(src)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, c := range []struct {
		name  string
		write func(h io.Writer) error
		want  string
	}{
		{"votes by year", func(h io.Writer) error {
			return WriteVotes(ctx, h, m, 1946, 2020, false, false, nil, noStep)
		}, "95b45b84ab310883bd8c5a76faef789f036bdd77c77d6b854169c7505afaa2b5"},
		{"votes by session", func(h io.Writer) error {
			return WriteVotes(ctx, h, m, 1, 74, true, true, Contested, noStep)
		}, "543b850d7f85e64666f04d35614771c40dd2d064a10bc0d9a1871a001e296e17"},
		{"portfolio own ties", func(h io.Writer) error {
			return p.WritePortfolios(ctx, h, 1816, 2018, OwnTies, noStep)
		}, "a39a7117383da2bc2e33c61c84f2eeab5d47414e60db92fe3b09a95ba550af25"},
		{"portfolio either ties", func(h io.Writer) error {
			return p.WritePortfolios(ctx, h, 1816, 2018, EitherTies, noStep)
		}, "46a7a4f81a31d6a17b759998e4fee9955818e9b53a3102fcd780f6cb2c0bcf70"},
	} {
		h := sha256.New()
		if err := c.write(h); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := hex.EncodeToString(h.Sum(nil)); got != c.want {
			t.Errorf("%s: SHA-256 %s, want %s", c.name, got, c.want)
		}
	}
}
