package commandflag

import (
	"flag"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
)

// item and agreement are what a command's pointer fields hold: a JSON
// file's content.
type (
	item struct {
		Text string `json:"text"`
	}
	agreement struct {
		Terms string `json:"terms"`
	}
)

// order is a command with a field of every kind Bind binds.
type order struct {
	Pact    string            `json:"pact"`
	Ref     entente.PactID    `json:"ref"`
	Note    string            `json:"note"`
	Amount  float64           `json:"amount"`
	Urgent  bool              `json:"urgent"`
	Due     time.Time         `json:"due"`
	Until   time.Time         `json:"until,omitempty"`
	Parties []entente.ActorID `json:"parties"`
	Item    *item             `json:"item,omitempty"`
	Terms   *agreement        `json:"terms,omitempty"`
}

// help is a line of help for every field of order but the argument pact.
var help = map[string]string{"ref": "r", "note": "n", "amount": "a", "urgent": "u", "due": "d", "until": "t", "parties": "p", "item": "i", "terms": "x"}

// bind binds a new order, preset to preset, and parses flags and values
// into it at now, with stdin as standard input.
func bind(t *testing.T, preset order, flags, values []string, stdin string, now time.Time) (order, error) {
	t.Helper()
	fs := flag.NewFlagSet("order", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	o := reflect.New(reflect.TypeFor[order]()).Elem()
	o.Set(reflect.ValueOf(preset))
	fill := Bind(fs, o, "order", []string{"pact"}, help, strings.NewReader(stdin))
	if err := fs.Parse(flags); err != nil {
		return order{}, err
	}
	err := fill(values, now)
	return o.Interface().(order), err
}

func TestBind(t *testing.T) {
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name   string
		preset order
		flags  []string
		stdin  string
		want   order
	}{
		{"presets kept", order{Note: "preset", Amount: 2}, []string{"--due", "2027-03-01"}, "",
			order{Pact: "p1", Note: "preset", Amount: 2, Due: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)}},
		{"every kind", order{Note: "preset"}, []string{"--ref", "r9", "--note", "N", "--amount", "2.5", "--urgent", "--due", "+30d",
			"--until", "2027-06-30", "--parties", "a, b", "--parties", "c,", "--item", "-"}, `{"text":"hello"}`,
			order{Pact: "p1", Ref: "r9", Note: "N", Amount: 2.5, Urgent: true, Due: now.AddDate(0, 0, 30),
				Until: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC), Parties: []entente.ActorID{"a", "b", "c"}, Item: &item{Text: "hello"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := bind(t, tc.preset, tc.flags, []string{"p1"}, tc.stdin, now)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestBindRefuses: a required date left out or malformed is an error
// naming its flag, as is a JSON file that does not hold what the field
// takes, named with its article.
func TestBindRefuses(t *testing.T) {
	for _, tc := range []struct {
		name  string
		flags []string
		stdin string
		want  string
	}{
		{"no due", nil, "", "--due"},
		{"bad due", []string{"--due", "soon"}, "", `--due: expected a date (2026-06-30, RFC 3339, or +30d), got "soon"`},
		{"bad until", []string{"--due", "+1d", "--until", "2027-13-01"}, "", "--until"},
		{"bad item", []string{"--due", "+1d", "--item", "-"}, `{"txt":1}`, "-: expected an item (JSON)"},
		{"bad terms", []string{"--due", "+1d", "--terms", "-"}, `[]`, "-: expected an agreement (JSON)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := bind(t, order{}, tc.flags, []string{"p1"}, tc.stdin, time.Now()); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%v, want an error saying %q", err, tc.want)
			}
		})
	}
}

// TestBindPanics: a field without help, or of a kind no flag takes, is a
// fault of the program, reported naming the verb and the field.
func TestBindPanics(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    any
		want string
	}{
		{"no help", &struct {
			Secret string `json:"secret"`
		}{}, "order: no help for the field secret"},
		{"no flag", &struct {
			Count int `json:"note"`
		}{}, "order: no flag for a int"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), tc.want) {
					t.Errorf("panic %v, want one saying %q", r, tc.want)
				}
			}()
			Bind(flag.NewFlagSet("order", flag.ContinueOnError), reflect.ValueOf(tc.v).Elem(), "order", nil, help, nil)
		})
	}
}
