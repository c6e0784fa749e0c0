package cmdline

import (
	"flag"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/entente/entente"
)

// Bind defines a flag on fs for every field of the struct v points to
// that has a flag tag, so that a request type declares its inputs once:
//
//	type Request struct {
//		From  int    `flag:"from-year" arg:"year" usage:"the first simulated year" min:"1816"`
//		Runs  int    `flag:"runs" usage:"replications" min:"1"`
//		Link  string `flag:"link" usage:"the binary model: logit or probit" enum:"logit|probit"`
//		Chart string `flag:"chart" arg:"file" usage:"draw to this file" deprecated:"png"`
//	}
//
// The tags are:
//
//	flag        the flag's name; "-" or none leaves the field out
//	usage       the flag's help
//	arg         the word of usage that names the flag's argument in the
//	            help ("-from-year year"), as flag's back-quotes do; a struct
//	            tag cannot hold back-quotes
//	deprecated  older names of the flag, comma-separated, each defined
//	            with the help "deprecated: --NAME ARG"
//	alias       other names of the flag, comma-separated, each defined
//	            with the help "short for --NAME" (a shorter name) or "the
//	            same as --NAME"
//	min, max    the range of a number, checked by Check
//	enum        the values a string may take, separated by |, checked by
//	            Check
//
// A field's value when Bind is called is the flag's default. Fields may be
// string, bool, int, int64, uint64, float64 or time.Duration (or types
// defined on those, such as a named string), or implement flag.Value
// through their address (List); the fields of embedded structs are bound
// too. Bind panics on a tag it cannot honour, as flag does on a flag
// defined twice: the struct is the program's, not its user's.
func Bind(fs *flag.FlagSet, v any) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.Elem().Kind() != reflect.Struct {
		panic(fmt.Sprintf("cmdline.Bind: expected a pointer to a struct, got %T", v))
	}
	for _, f := range fieldsOf(rv.Elem()) {
		bindField(fs, f)
	}
}

// field is a tagged field of a struct and its value.
type field struct {
	reflect.StructField
	v reflect.Value
}

// name is the flag's name.
func (f field) name() string { return f.Tag.Get("flag") }

// fieldsOf lists the tagged fields of the struct s, those of embedded
// structs in their place.
func fieldsOf(s reflect.Value) []field {
	var fields []field
	for i := range s.NumField() {
		sf, v := s.Type().Field(i), s.Field(i)
		name, tagged := sf.Tag.Lookup("flag")
		switch {
		case name == "-":
		case sf.Anonymous && !tagged && v.Kind() == reflect.Struct:
			fields = append(fields, fieldsOf(v)...)
		case tagged && !sf.IsExported():
			panic(fmt.Sprintf("cmdline: field %s has a flag tag but is not exported", sf.Name))
		case tagged:
			fields = append(fields, field{sf, v})
		}
	}
	return fields
}

var (
	durationType  = reflect.TypeFor[time.Duration]()
	flagValueType = reflect.TypeFor[flag.Value]()
)

// bindField defines f's flag and its deprecated names.
func bindField(fs *flag.FlagSet, f field) {
	name, usage := f.name(), f.Tag.Get("usage")
	if name == "" {
		panic(fmt.Sprintf("cmdline.Bind: field %s has an empty flag name", f.Name))
	}
	if arg := f.Tag.Get("arg"); arg != "" {
		usage = quoteArg(name, usage, arg)
	}
	define(fs, f, name, usage)
	for _, old := range strings.Split(f.Tag.Get("deprecated"), ",") {
		if old == "" {
			continue
		}
		help := "deprecated: --" + name
		if arg := f.Tag.Get("arg"); arg != "" {
			help += " `" + arg + "`"
		}
		define(fs, f, old, help)
	}
	for _, alias := range strings.Split(f.Tag.Get("alias"), ",") {
		switch {
		case alias == "":
		case len(alias) < len(name):
			define(fs, f, alias, "short for --"+name)
		default:
			define(fs, f, alias, "the same as --"+name)
		}
	}
	if _, err := rangeOf(f); err != nil {
		panic(fmt.Sprintf("cmdline.Bind: field %s: %v", f.Name, err))
	}
}

// quoteArg back-quotes the first whole word arg of usage, so that the
// help names the flag's argument arg.
func quoteArg(name, usage, arg string) string {
	for i := 0; i <= len(usage)-len(arg); i++ {
		j := i + len(arg)
		if usage[i:j] == arg && !(isWord(arg[0]) && i > 0 && isWord(usage[i-1])) && !(isWord(arg[len(arg)-1]) && j < len(usage) && isWord(usage[j])) {
			return usage[:i] + "`" + arg + "`" + usage[j:]
		}
	}
	panic(fmt.Sprintf("cmdline.Bind: --%s: the usage %q has no word %q", name, usage, arg))
}

// isWord reports whether c is a letter, digit or underscore.
func isWord(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// define defines one flag named name on f's value.
func define(fs *flag.FlagSet, f field, name, usage string) {
	p := f.v.Addr()
	if p.Type().Implements(flagValueType) {
		fs.Var(p.Interface().(flag.Value), name, usage)
		return
	}
	if f.Type == durationType {
		fs.DurationVar(p.Interface().(*time.Duration), name, time.Duration(f.v.Int()), usage)
		return
	}
	switch f.Type.Kind() {
	case reflect.String:
		fs.StringVar(as[string](p), name, f.v.String(), usage)
	case reflect.Bool:
		fs.BoolVar(as[bool](p), name, f.v.Bool(), usage)
	case reflect.Int:
		fs.IntVar(as[int](p), name, int(f.v.Int()), usage)
	case reflect.Int64:
		fs.Int64Var(as[int64](p), name, f.v.Int(), usage)
	case reflect.Uint64:
		fs.Uint64Var(as[uint64](p), name, f.v.Uint(), usage)
	case reflect.Float64:
		fs.Float64Var(as[float64](p), name, f.v.Float(), usage)
	default:
		panic(fmt.Sprintf("cmdline.Bind: field %s: cannot bind a %s to a flag", f.Name, f.Type))
	}
}

// as converts p, a pointer to a type defined on T, to a *T.
func as[T any](p reflect.Value) *T {
	return p.Convert(reflect.TypeFor[*T]()).Interface().(*T)
}

// FieldError is an input out of the range its struct tags declare (see
// Check), naming it by its flag. A command reports it as bad usage.
type FieldError struct {
	Field string // the flag's name, without dashes
	Msg   string // what was expected, and what was given
}

// Error says "--FIELD: MSG".
func (e *FieldError) Error() string { return "--" + e.Field + ": " + e.Msg }

// Check checks the fields of the struct v (or that v points to) against
// their min, max and enum tags, in the order they are declared, and
// returns the first that is out of range. A request's Validate calls it,
// so that the checks serve flags and JSON bodies alike.
func Check(v any) *FieldError {
	rv := reflect.Indirect(reflect.ValueOf(v))
	if rv.Kind() != reflect.Struct {
		panic(fmt.Sprintf("cmdline.Check: expected a struct, got %T", v))
	}
	for _, f := range fieldsOf(rv) {
		r, err := rangeOf(f)
		if err != nil {
			panic(fmt.Sprintf("cmdline.Check: field %s: %v", f.Name, err))
		}
		if msg := r.check(f.v); msg != "" {
			return &FieldError{Field: f.name(), Msg: msg}
		}
	}
	return nil
}

// bounds are a field's declared range: min and max for a number, the
// values of an enum for a string.
type bounds struct {
	min, max *float64
	enum     []string
}

// rangeOf reads f's min, max and enum tags.
func rangeOf(f field) (bounds, error) {
	var b bounds
	for _, t := range []struct {
		tag string
		p   **float64
	}{{"min", &b.min}, {"max", &b.max}} {
		s, ok := f.Tag.Lookup(t.tag)
		if !ok {
			continue
		}
		if !isNumber(f.Type) {
			return b, fmt.Errorf("%s on a %s: only numbers have a range", t.tag, f.Type)
		}
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return b, fmt.Errorf("%s:%q is not a number", t.tag, s)
		}
		*t.p = &x
	}
	if s, ok := f.Tag.Lookup("enum"); ok {
		if f.Type.Kind() != reflect.String {
			return b, fmt.Errorf("enum on a %s: only strings have values to choose from", f.Type)
		}
		b.enum = strings.Split(s, "|")
	}
	return b, nil
}

// isNumber reports whether t is a number kind that Bind supports.
func isNumber(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int64, reflect.Uint64, reflect.Float64:
		return true
	}
	return false
}

// check returns what is wrong with v, or "".
func (b bounds) check(v reflect.Value) string {
	if b.enum != nil {
		s := v.String()
		for _, e := range b.enum {
			if s == e {
				return ""
			}
		}
		return fmt.Sprintf("expected %s, got %q", orList(b.enum), s)
	}
	if b.min == nil && b.max == nil {
		return ""
	}
	x, text := numberOf(v)
	switch {
	case x != x: // NaN is in no range
		return fmt.Sprintf("expected a number, got %s", text)
	case b.min != nil && x < *b.min:
		return fmt.Sprintf("expected at least %s, got %s", fmtBound(*b.min), text)
	case b.max != nil && x > *b.max:
		return fmt.Sprintf("expected at most %s, got %s", fmtBound(*b.max), text)
	}
	return ""
}

// numberOf returns a number field's value and its text.
func numberOf(v reflect.Value) (float64, string) {
	switch v.Kind() {
	case reflect.Int, reflect.Int64:
		return float64(v.Int()), strconv.FormatInt(v.Int(), 10)
	case reflect.Uint64:
		return float64(v.Uint()), strconv.FormatUint(v.Uint(), 10)
	}
	return v.Float(), strconv.FormatFloat(v.Float(), 'g', -1, 64)
}

// fmtBound formats a bound as its tag would write it.
func fmtBound(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// orList joins values as "a, b or c".
func orList(values []string) string {
	if len(values) == 1 {
		return values[0]
	}
	return strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}

// Given returns the names of the flags set on the command line, for the
// checks of flags that only go with others.
func Given(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// Validate is Check for a request's Validate method: the first input out
// of its declared range as the project's input error, an EINVALID
// *entente.Error whose field is the flag's name, which the HTTP API
// answers with 400 and the command reports as bad usage.
func Validate(v any) error {
	if fe := Check(v); fe != nil {
		return entente.FieldErrorf(entente.EINVALID, fe.Field, "%s", fe.Msg)
	}
	return nil
}
