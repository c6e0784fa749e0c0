package commandflag

import (
	"flag"
	"io"
	"reflect"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
)

// The actor flags give the actor the API would record: maps only where a
// flag gave them, --cap short for --capabilities, culture checked.
func TestActor(t *testing.T) {
	parse := func(args ...string) (entente.Actor, error) {
		fs := flag.NewFlagSet("actor add", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		f := NewActor()
		cmdline.Bind(fs, &f)
		if err := fs.Parse(args); err != nil {
			return entente.Actor{}, err
		}
		return f.Actor()
	}
	got, err := parse("--id", "fr", "--name", "France", "--kind", "state", "--cap", "military=3", "--capabilities", "economic=5",
		"--positions", "trade=0.5", "--codes", "cow=220", "--culture", "power_distance=68")
	if err != nil {
		t.Fatal(err)
	}
	want := entente.Actor{ID: "fr", Name: "France", Kind: entente.State, Capabilities: map[string]float64{"military": 3, "economic": 5},
		Positions: map[string]float64{"trade": 0.5}, Codes: map[string]string{"cow": "220"}}
	culture := got.Culture
	got.Culture = nil
	if !reflect.DeepEqual(got, want) || culture == nil {
		t.Errorf("got %+v (culture %v), want %+v with a culture", got, culture, want)
	}
	if got, err := parse("--id", "x"); err != nil || got.Capabilities != nil || got.Positions != nil || got.Codes != nil || got.Culture != nil {
		t.Errorf("no maps given: %+v, %v; want nil maps", got, err)
	}
	if _, err := parse("--culture", "charm=3"); entente.ErrorField(err) != "culture" {
		t.Errorf("an unknown dimension: %v, want an error naming culture", err)
	}
	if _, err := parse("--codes", "cow"); err == nil {
		t.Error("--codes without =: expected an error")
	}
}
