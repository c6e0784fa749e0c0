package power

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"

	"github.com/entente/entente"
)

// maxDecimals is the largest number of digits after the decimal point that
// ParseDecimal accepts; 10^18 is the largest power of ten in an int64.
const maxDecimals = 18

// ParseError reports bad input and where it is. Line and Column are 1-based;
// Line is 0 for values that did not come from a file, and Column is then the
// position of the value in the argument list (1 for the first).
type ParseError struct {
	Line   int
	Column int
	Value  string
	Msg    string
}

// Error formats the position, the problem and the offending value.
func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("power: line %d, column %d: %s (%q)", e.Line, e.Column, e.Msg, e.Value)
	}
	return fmt.Sprintf("power: value %d: %s (%q)", e.Column, e.Msg, e.Value)
}

// decimal is a non-negative decimal number split into its digit strings.
type decimal struct {
	intPart, fracPart string // fracPart without trailing zeros
}

// splitDecimal parses "12", "+12.50", ".5" or "3." (surrounding spaces
// allowed). Signs other than a leading '+', exponents and separators are
// rejected so that nothing is ever rounded or guessed.
func splitDecimal(s string) (decimal, string) {
	t := strings.TrimSpace(s)
	if t == "" {
		return decimal{}, "missing value"
	}
	if t[0] == '-' {
		return decimal{}, "negative value"
	}
	t = strings.TrimPrefix(t, "+")
	ip, fp, _ := strings.Cut(t, ".")
	if ip == "" && fp == "" {
		return decimal{}, "not a decimal number"
	}
	for _, part := range []string{ip, fp} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return decimal{}, "not a decimal number"
			}
		}
	}
	fp = strings.TrimRight(fp, "0")
	if len(fp) > maxDecimals {
		return decimal{}, fmt.Sprintf("more than %d significant decimal places", maxDecimals)
	}
	return decimal{intPart: ip, fracPart: fp}, ""
}

// scaled returns d * 10^places as an int64, or false on overflow.
func (d decimal) scaled(places int) (int64, bool) {
	digits := d.intPart + d.fracPart + strings.Repeat("0", places-len(d.fracPart))
	v, ok := new(big.Int).SetString("0"+digits, 10)
	if !ok || !v.IsInt64() || v.Int64() > maxWeightTotal {
		return 0, false
	}
	return v.Int64(), true
}

// ParseDecimal converts non-negative decimal strings to integers with one
// common scale factor, exactly: every value is multiplied by scale = 10^d,
// where d is the largest number of significant decimal places among the
// values, so ParseDecimal("12.5", "3.25") returns [1250 325] and scale 100.
// Nothing is ever rounded: values with more than 18 decimal places, negative,
// empty or non-numeric values, exponents and results beyond 2^61 are errors
// (a *ParseError whose Column is the value's 1-based position).
func ParseDecimal(values ...string) (ints []int64, scale int64, err error) {
	return parseDecimalsAt(values, func(i int) (int, int) { return 0, i + 1 })
}

// parseDecimalsAt is ParseDecimal with error positions supplied by pos.
func parseDecimalsAt(values []string, pos func(i int) (line, col int)) ([]int64, int64, error) {
	decs := make([]decimal, len(values))
	places := 0
	for i, v := range values {
		d, msg := splitDecimal(v)
		if msg != "" {
			line, col := pos(i)
			return nil, 0, &ParseError{Line: line, Column: col, Value: v, Msg: msg}
		}
		decs[i] = d
		places = max(places, len(d.fracPart))
	}
	ints := make([]int64, len(values))
	for i, d := range decs {
		v, ok := d.scaled(places)
		if !ok {
			line, col := pos(i)
			return nil, 0, &ParseError{Line: line, Column: col, Value: values[i],
				Msg: fmt.Sprintf("value times 10^%d is too large", places)}
		}
		ints[i] = v
	}
	scale := int64(1)
	for range places {
		scale *= 10
	}
	return ints, scale, nil
}

// Table is a parsed weight table: one row per player with a name and one or
// more weight columns (several columns make a multiple-weight game).
// Weights[c][i] is player i's weight in column c multiplied by Scales[c], a
// power of ten chosen so that every weight of the column is an integer.
type Table struct {
	Names   []string
	Headers []string // weight column headers, nil without a header line
	Weights [][]int64
	Scales  []int64
}

// ParseCSV reads a weight table: records "name,weight[,weight...]" with the
// same number of fields on every line, an optional header line whose first
// field is "name" (any case), and lines starting with '#' as comments.
// Weights are non-negative decimals scaled exactly per column as in
// ParseDecimal. Errors are *ParseError values naming the line and column, for
// example a negative, missing or non-numeric weight, an empty or duplicate
// name, or a file without players.
func ParseCSV(r io.Reader) (*Table, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.TrimLeadingSpace = true
	var (
		t        Table
		cols     [][]string
		lines    []int
		first    = true
		seen     = map[string]int{}
		lastLine int
	)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &ParseError{Line: pe.Line, Column: pe.Column, Msg: pe.Err.Error()}
			}
			return nil, fmt.Errorf("power: reading CSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		lastLine = line
		if len(rec) < 2 {
			return nil, &ParseError{Line: line, Column: 2, Value: strings.Join(rec, ","), Msg: "missing weight (need name,weight)"}
		}
		if first {
			first = false
			cols = make([][]string, len(rec)-1)
			if strings.EqualFold(strings.TrimSpace(rec[0]), "name") {
				t.Headers = trimAll(rec[1:])
				continue
			}
		}
		name := strings.TrimSpace(rec[0])
		if name == "" {
			return nil, &ParseError{Line: line, Column: 1, Msg: "empty player name"}
		}
		if prev, dup := seen[name]; dup {
			return nil, &ParseError{Line: line, Column: 1, Value: name, Msg: fmt.Sprintf("duplicate player name (first on line %d)", prev)}
		}
		seen[name] = line
		t.Names = append(t.Names, name)
		lines = append(lines, line)
		for c, f := range rec[1:] {
			cols[c] = append(cols[c], f)
		}
	}
	if len(t.Names) == 0 {
		return nil, &ParseError{Line: max(lastLine, 1), Column: 1, Msg: "no players in the table"}
	}
	for c, col := range cols {
		ints, scale, err := parseDecimalsAt(col, func(i int) (int, int) { return lines[i], c + 2 })
		if err != nil {
			return nil, err
		}
		if _, err := checkWeights(ints, "weight"); err != nil {
			return nil, &ParseError{Line: lines[0], Column: c + 2, Msg: err.Error()}
		}
		t.Weights = append(t.Weights, ints)
		t.Scales = append(t.Scales, scale)
	}
	return &t, nil
}

func trimAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = strings.TrimSpace(v)
	}
	return out
}

// ParseQuota converts a quota written for a weight column into an integer on
// the column's scale, returning the weights rescaled if the quota has more
// decimal places than the column. A quota is either a decimal ("270",
// "62.5", meaning that many weight units) or a percentage of the column's
// total ("65%", "50.5%", meaning at least that share: ceil(total*p/100)).
// The quota must be at least one unit of the scale and at most the total.
func ParseQuota(quota string, weights []int64, scale int64) (int64, []int64, error) {
	total, err := checkWeights(weights, "weight")
	if err != nil {
		return 0, nil, err
	}
	s := strings.TrimSpace(quota)
	if pct, ok := strings.CutSuffix(s, "%"); ok {
		d, msg := splitDecimal(pct)
		if msg != "" {
			return 0, nil, &ParseError{Column: 1, Value: quota, Msg: msg}
		}
		num, ok := d.scaled(len(d.fracPart))
		den := pow10(len(d.fracPart) + 2)
		if !ok {
			return 0, nil, &ParseError{Column: 1, Value: quota, Msg: "percentage too large"}
		}
		q, err := QuotaShare(total, num, den)
		if err != nil {
			return 0, nil, err
		}
		return q, weights, checkQuota(q, total, "")
	}
	d, msg := splitDecimal(s)
	if msg != "" {
		return 0, nil, &ParseError{Column: 1, Value: quota, Msg: msg}
	}
	places := 0
	for p := int64(1); p < scale; p *= 10 {
		places++
	}
	if extra := len(d.fracPart) - places; extra > 0 {
		// The quota is finer than the weights: rescale the weights exactly.
		f := pow10(extra)
		rescaled := make([]int64, len(weights))
		for i, w := range weights {
			if w > maxWeightTotal/f {
				return 0, nil, &ParseError{Column: 1, Value: quota, Msg: "rescaling the weights to the quota's decimals overflows"}
			}
			rescaled[i] = w * f
		}
		weights, places = rescaled, len(d.fracPart)
		if total, err = checkWeights(weights, "weight"); err != nil {
			return 0, nil, err
		}
	}
	q, ok := d.scaled(places)
	if !ok {
		return 0, nil, &ParseError{Column: 1, Value: quota, Msg: "quota too large"}
	}
	return q, weights, checkQuota(q, total, "")
}

// pow10 returns 10^k for 0 <= k <= 18.
func pow10(k int) int64 {
	p := int64(1)
	for range k {
		p *= 10
	}
	return p
}

// Weighted builds the weighted game of weight column c (0-based) with the
// given quota (see ParseQuota).
func (t *Table) Weighted(c int, quota string) (*Weighted, error) {
	if c < 0 || c >= len(t.Weights) {
		return nil, fmt.Errorf("power: weight column %d outside [0, %d)", c, len(t.Weights))
	}
	q, w, err := ParseQuota(quota, t.Weights[c], t.Scales[c])
	if err != nil {
		return nil, err
	}
	return NewWeighted(q, w)
}

// MultiWeighted builds the multiple-weight game with one layer per weight
// column, quotas[c] being column c's quota (see ParseQuota), and the given
// minimum blocking minority (0 for none).
func (t *Table) MultiWeighted(quotas []string, minBlockers int) (*MultiWeighted, error) {
	if len(quotas) != len(t.Weights) {
		return nil, fmt.Errorf("power: %d quotas for %d weight columns", len(quotas), len(t.Weights))
	}
	layers := make([]Layer, len(quotas))
	for c, qs := range quotas {
		q, w, err := ParseQuota(qs, t.Weights[c], t.Scales[c])
		if err != nil {
			return nil, fmt.Errorf("column %d: %w", c+2, err)
		}
		layers[c] = Layer{Quota: q, Weights: w}
	}
	return NewMultiWeighted(layers, minBlockers)
}

// FormatDecimal writes v/scale (scale a power of ten, as ParseDecimal
// returns) as a decimal without trailing zeros: FormatDecimal(1250, 100)
// is "12.5". It is the inverse of ParseDecimal.
func FormatDecimal(v, scale int64) string {
	if scale <= 1 {
		return strconv.FormatInt(v, 10)
	}
	places := len(strconv.FormatInt(scale, 10)) - 1
	frac := strings.TrimRight(fmt.Sprintf("%0*d", places, v%scale), "0")
	if frac == "" {
		return strconv.FormatInt(v/scale, 10)
	}
	return strconv.FormatInt(v/scale, 10) + "." + frac
}

// Weight returns player i's weight in column c as a decimal, as written.
func (t *Table) Weight(c, i int) string { return FormatDecimal(t.Weights[c][i], t.Scales[c]) }

// ReadTable is ParseCSV for a file a person names: errors are EINVALID and
// name the file, and the line and column when they come from one
// ("eu.csv: line 3, column 2: expected a weight (\"x\")").
func ReadTable(r io.Reader, name string) (*Table, error) {
	t, err := ParseCSV(r)
	if err == nil {
		return t, nil
	}
	var pe *ParseError
	if errors.As(err, &pe) && pe.Line > 0 {
		value := ""
		if pe.Value != "" {
			value = fmt.Sprintf(" (%q)", pe.Value)
		}
		return nil, entente.Errorf(entente.EINVALID, "%s: line %d, column %d: %s%s", name, pe.Line, pe.Column, pe.Msg, value)
	}
	return nil, entente.Errorf(entente.EINVALID, "%s: %s", name, strings.TrimPrefix(err.Error(), "power: "))
}
