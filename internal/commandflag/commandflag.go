// Package commandflag makes the flags of a verb that sends one command
// from the command's own fields: each flag is named by the field's JSON
// name and defaults to the field's preset value, so that the command line
// and the API name and default every input alike by construction.
package commandflag

import (
	"flag"
	"io"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
)

var timeType = reflect.TypeFor[time.Time]()

// Bind defines a flag on fs for every field of the command s (a settable
// struct value) that is not one of args, named by the field's JSON name,
// with its help from usage (every field has one, or Bind panics naming
// the verb: a new field of a command is a new flag on purpose) and its
// default from s. It returns what sets the rest once the flags are
// parsed: the fields args name from the arguments given, in order, the
// dates (cmdline.ParseWhen: a field the API requires must be given) and
// the JSON files (- for stdin).
func Bind(fs *flag.FlagSet, s reflect.Value, verb string, args []string, usage map[string]string, stdin io.Reader) func(values []string, now time.Time) error {
	fields := map[string]reflect.Value{}
	var later []func(now time.Time) error
	for i := range s.NumField() {
		f, v := s.Type().Field(i), s.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if fields[name] = v; slices.Contains(args, name) {
			continue
		}
		help, ok := usage[name]
		if !ok {
			panic("entente: " + verb + ": no help for the field " + name)
		}
		p := v.Addr()
		switch k := f.Type.Kind(); {
		case f.Type == timeType:
			text := fs.String(name, "", help)
			later = append(later, func(now time.Time) error {
				if *text == "" && strings.Contains(opts, "omit") {
					return nil
				}
				t, err := cmdline.ParseWhen(name, *text, now)
				v.Set(reflect.ValueOf(t))
				return err
			})
		case k == reflect.Pointer:
			file := fs.String(name, "", help)
			later = append(later, func(time.Time) error { return readJSON(stdin, *file, v) })
		case k == reflect.Slice:
			fs.Var(idList{as[cmdline.List[entente.ActorID]](p)}, name, help)
		case k == reflect.String:
			fs.StringVar(as[string](p), name, v.String(), help)
		case k == reflect.Float64:
			fs.Float64Var(as[float64](p), name, v.Float(), help)
		case k == reflect.Bool:
			fs.BoolVar(as[bool](p), name, v.Bool(), help)
		default:
			panic("entente: " + verb + ": no flag for a " + f.Type.String())
		}
	}
	return func(values []string, now time.Time) error {
		for i, name := range args {
			fields[name].SetString(values[i])
		}
		for _, f := range later {
			if err := f(now); err != nil {
				return err
			}
		}
		return nil
	}
}

// readJSON sets the pointer field v to a new value read from the JSON
// file (- for stdin), when one is given.
func readJSON(stdin io.Reader, file string, v reflect.Value) error {
	if file == "" {
		return nil
	}
	v.Set(reflect.New(v.Type().Elem()))
	what := strings.ToLower(v.Type().Elem().Name()) // "agreement"
	if strings.ContainsRune("aeiou", rune(what[0])) {
		return cmdline.ReadJSON(stdin, file, "an "+what+" (JSON)", v.Interface())
	}
	return cmdline.ReadJSON(stdin, file, "a "+what+" (JSON)", v.Interface())
}

// as converts p, a pointer to a type defined on T, to a *T.
func as[T any](p reflect.Value) *T { return p.Convert(reflect.TypeFor[*T]()).Interface().(*T) }

// idList is a flag of actors, repeatable and comma-separated.
type idList struct{ *cmdline.List[entente.ActorID] }

// Set adds the IDs in v, separated by commas.
func (l idList) Set(v string) error {
	for _, id := range strings.Split(v, ",") {
		if id = strings.TrimSpace(id); id != "" {
			l.List.Set(id)
		}
	}
	return nil
}

// String is empty: the flag has no default to show.
func (l idList) String() string { return "" }
