package cmdline

import (
	"fmt"
	"strconv"
	"strings"
)

// List is a repeatable flag: each use adds a value.
type List[T ~string] []T

// String lists the values given, comma-separated.
func (l *List[T]) String() string {
	s := make([]string, len(*l))
	for i, v := range *l {
		s[i] = string(v)
	}
	return strings.Join(s, ",")
}

// Set adds a value.
func (l *List[T]) Set(v string) error { *l = append(*l, T(v)); return nil }

// Amounts is a repeatable name=amount flag (--cap military=3.5).
type Amounts map[string]float64

// String is empty: the flag has no default to show.
func (a Amounts) String() string { return "" }

// Set reads one name=amount.
func (a Amounts) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return fmt.Errorf("expected name=amount, got %q", s)
	}
	v, err := strconv.ParseFloat(value, 64)
	if err != nil {
		return fmt.Errorf("expected a number after %s=, got %q", name, value)
	}
	a[name] = v
	return nil
}

// Pairs is a repeatable key=value flag (--codes cow=2), what says what
// the pair names in errors ("dataset=id").
type Pairs struct {
	M    map[string]string
	What string
}

// String is empty: the flag has no default to show.
func (p Pairs) String() string { return "" }

// Set reads one key=value; neither may be empty.
func (p Pairs) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || name == "" || value == "" {
		return fmt.Errorf("expected %s, got %q", p.What, s)
	}
	p.M[name] = value
	return nil
}
