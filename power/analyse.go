package power

import (
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/entente/entente"
)

// Analyse builds the game of r's --weights or --file (the file "-" is
// read from stdin) and analyses it with opts. An input that makes no game
// is an EINVALID *entente.Error naming its flag; a game too large for the
// exact methods says how to get past the limit (Hint).
func (r Request) Analyse(stdin io.Reader, opts Options) (Analysis, error) {
	t, err := r.table(stdin)
	if err != nil {
		return Analysis{}, r.specError(err)
	}
	quotas := strings.Split(r.Quota, ",")
	if r.Quota2 != "" {
		quotas = append(quotas, r.Quota2)
	}
	g, err := t.Game(quotas, r.MinBlockers)
	if err != nil {
		return Analysis{}, r.specError(err)
	}
	a, err := AnalyzeTable(t, g, opts)
	return a, Hint(err)
}

// table reads the weight table of --file or --weights.
func (r Request) table(stdin io.Reader) (*Table, error) {
	switch r.File {
	case "":
		return WeightsTable(r.Weights, r.Names)
	case "-":
		return ReadTable(stdin, r.File)
	}
	f, err := os.Open(r.File)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadTable(f, r.File)
}

// specError turns a *SpecError into an EINVALID error naming the flag that
// gave what makes no game: a quota by its column.
func (r Request) specError(err error) error {
	var se *SpecError
	if !errors.As(err, &se) {
		return err
	}
	name, msg := se.Field, se.Msg
	switch {
	case se.Field != "quota":
	case se.Column < 0:
		msg += "; give one per column (--quota Q1,Q2 or --quota Q1 --quota2 Q2)"
	case se.Column == 1 && r.Quota2 != "":
		name = flagOf("Quota2")
	case se.Column > 0:
		name = fmt.Sprintf("quota (quota %d)", se.Column+1)
	}
	return entente.FieldErrorf(entente.EINVALID, name, "%s", msg)
}

// flagOf is the flag of the Request field named field, from its tag.
func flagOf(field string) string {
	f, ok := reflect.TypeFor[Request]().FieldByName(field)
	if !ok || f.Tag.Get("flag") == "" {
		panic("power: Request has no flag field " + field)
	}
	return f.Tag.Get("flag")
}

// Hint adds to an error of a game too large for exact methods what gets
// past it, by the Request's flags: raising the limit that was hit
// (MaxMemory, MaxWork), leaving out the indices that need it (Indices), or
// sampling (Samples). Other errors pass through.
func Hint(err error) error {
	var le *LimitError
	if !errors.As(err, &le) {
		if errors.Is(err, ErrTooLarge) {
			return fmt.Errorf("%w\n(estimate with --%s N instead)", err, flagOf("Samples"))
		}
		return err
	}
	var ways []string
	switch le.Resource {
	case "memory":
		ways = append(ways, "raise --"+flagOf("MaxMemory")+" to "+FormatSize(le.Need))
	case "work":
		ways = append(ways, "raise --"+flagOf("MaxWork")+" to "+strconv.FormatFloat(float64(le.Need)*1.05, 'g', 2, 64))
	}
	var names []string
	for _, c := range Columns {
		if c.Index&le.Indices != 0 && !slices.Contains(names, c.Name) {
			names = append(names, c.Name)
		}
	}
	if names != nil {
		ways = append(ways, "leave "+strings.Join(names, ",")+" out of --"+flagOf("Indices"))
	}
	if le.Indices&(BanzhafIndex|ShapleyShubikIndex|ColemanIndices) != 0 {
		ways = append(ways, "estimate with --"+flagOf("Samples")+" N")
	}
	return fmt.Errorf("%w\n(to get past it: %s)", err, strings.Join(ways, "; or "))
}

// AnalysePact analyses the decision rule of r's pact (--pact) for r's
// matter, the pact and its members read from pacts, with opts
// (PactPower). A game too large for the exact methods says how to get
// past the limit (Hint).
func (r Request) AnalysePact(pacts entente.PactReader, opts Options) (Analysis, error) {
	st, err := pacts.Pact(entente.PactID(r.Pact))
	if err != nil {
		return Analysis{}, err
	}
	rep, err := PactPower(st, entente.Matter(r.Matter), pacts.Lookup, opts)
	if err != nil {
		return Analysis{}, Hint(err)
	}
	return PactAnalysis(rep), nil
}
