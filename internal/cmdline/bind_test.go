package cmdline

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/entente/entente"
)

// name is a type defined on string, as entente.PactID is.
type name string

// base is embedded in request: its fields are bound too.
type base struct {
	Data  string `flag:"data" arg:"folder" usage:"the data folder"`
	Quiet bool   `flag:"quiet" usage:"no progress bar"`
}

// request has a field of every kind Bind supports.
type request struct {
	base
	From    int           `flag:"from-year" arg:"year" usage:"the first simulated year" min:"1816" max:"2016"`
	Runs    int           `flag:"runs" usage:"replications in the whole sweep" min:"1"`
	Big     int64         `flag:"big" usage:"a large number" max:"1e12"`
	Seed    uint64        `flag:"seed" usage:"the seed fixing every random draw"`
	Rate    float64       `flag:"rate" usage:"a share" min:"0" max:"1"`
	Link    string        `flag:"link" usage:"the binary model: logit or probit" enum:"logit|probit"`
	Pact    name          `flag:"pact" arg:"ID" usage:"the pact ID to read"`
	Every   time.Duration `flag:"every" usage:"how often"`
	Sets    List[string]  `flag:"set" arg:"name=value" usage:"a parameter, name=value (repeatable)"`
	Chart   string        `flag:"chart" arg:"file" usage:"draw to this file" deprecated:"png,out-png"`
	Obj     string        `flag:"objective" arg:"M=T[,...]" usage:"the gap, as M=T[,...] (for the M=T[,...] pact)"`
	Caps    Amounts       `flag:"capabilities" arg:"name=amount" alias:"cap,capability-list" usage:"a capability as name=amount (repeatable)"`
	Hidden  int           `flag:"-" min:"5"`
	ignored int
}

// preset is request with its defaults.
func preset() request {
	return request{From: 1946, Runs: 100, Seed: 7, Rate: 0.5, Link: "logit", Every: time.Minute, Caps: Amounts{}}
}

func TestBindParses(t *testing.T) {
	r := preset()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	Bind(fs, &r)
	args := []string{"--data", "d", "--quiet", "--from-year", "1900", "--runs=3", "--big", "-4", "--seed", "18446744073709551615",
		"--rate", "0.25", "--link", "probit", "--pact", "jv", "--every", "90s", "--set", "a=1", "--set", "b=2", "--out-png", "c.png",
		"--cap", "mil=2", "--capabilities", "eco=3"}
	if err := Parse(fs, args); err != nil {
		t.Fatal(err)
	}
	want := request{base: base{Data: "d", Quiet: true}, From: 1900, Runs: 3, Big: -4, Seed: math.MaxUint64, Rate: 0.25, Link: "probit",
		Pact: "jv", Every: 90 * time.Second, Sets: List[string]{"a=1", "b=2"}, Chart: "c.png", Caps: Amounts{"mil": 2, "eco": 3}}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("bound\n %+v\nwant\n %+v", r, want)
	}
	if fs.Lookup("ignored") != nil || fs.Lookup("Hidden") != nil {
		t.Error("a field without a flag tag, or with flag:\"-\", was bound")
	}
}

func TestBindDefaultsAreThePresetValues(t *testing.T) {
	r := preset()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	Bind(fs, &r)
	if err := Parse(fs, nil); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r, preset()) {
		t.Errorf("with no flags, %+v; want the preset %+v", r, preset())
	}
	for name, want := range map[string]string{"from-year": "1946", "runs": "100", "seed": "7", "rate": "0.5", "link": "logit", "every": "1m0s", "big": "0", "data": ""} {
		if got := fs.Lookup(name).DefValue; got != want {
			t.Errorf("--%s default %q, want %q", name, got, want)
		}
	}
}

// TestBindHelpIsWhatHandWrittenFlagsPrint compares the help of bound
// flags with that of the same flags defined by hand.
func TestBindHelpIsWhatHandWrittenFlagsPrint(t *testing.T) {
	r := preset()
	bound := flag.NewFlagSet("test", flag.ContinueOnError)
	Bind(bound, &r)
	var h request
	hand := flag.NewFlagSet("test", flag.ContinueOnError)
	hand.StringVar(&h.Data, "data", "", "the data `folder`")
	hand.BoolVar(&h.Quiet, "quiet", false, "no progress bar")
	hand.IntVar(&h.From, "from-year", 1946, "the first simulated `year`")
	hand.IntVar(&h.Runs, "runs", 100, "replications in the whole sweep")
	hand.Int64Var(&h.Big, "big", 0, "a large number")
	hand.Uint64Var(&h.Seed, "seed", 7, "the seed fixing every random draw")
	hand.Float64Var(&h.Rate, "rate", 0.5, "a share")
	hand.StringVar(&h.Link, "link", "logit", "the binary model: logit or probit")
	hand.StringVar((*string)(&h.Pact), "pact", "", "the pact `ID` to read")
	hand.DurationVar(&h.Every, "every", time.Minute, "how often")
	hand.Var(&h.Sets, "set", "a parameter, `name=value` (repeatable)")
	hand.StringVar(&h.Chart, "chart", "", "draw to this `file`")
	hand.StringVar(&h.Obj, "objective", "", "the gap, as `M=T[,...]` (for the M=T[,...] pact)")
	hand.StringVar(&h.Chart, "png", "", "deprecated: --chart `file`")
	hand.StringVar(&h.Chart, "out-png", "", "deprecated: --chart `file`")
	hand.Var(h.Caps, "capabilities", "a capability as `name=amount` (repeatable)")
	hand.Var(h.Caps, "cap", "short for --capabilities")
	hand.Var(h.Caps, "capability-list", "the same as --capabilities")
	if got, want := helpOf(bound), helpOf(hand); got != want {
		t.Errorf("bound help\n%s\nhand-written help\n%s", got, want)
	}
}

func helpOf(fs *flag.FlagSet) string {
	var b bytes.Buffer
	fs.SetOutput(&b)
	fs.PrintDefaults()
	return b.String()
}

func TestBindRefusesWhatItCannotHonour(t *testing.T) {
	for _, tt := range []struct {
		name string
		v    any
		want string
	}{
		{"not a pointer", request{}, "expected a pointer to a struct"},
		{"a pointer to a non-struct", new(int), "expected a pointer to a struct"},
		{"a kind no flag holds", &struct {
			X []int `flag:"x"`
		}{}, "cannot bind"},
		{"an unexported field", &struct {
			x int `flag:"x"`
		}{}, "not exported"},
		{"an empty name", &struct {
			X int `flag:""`
		}{}, "empty flag name"},
		{"an arg not in the usage", &struct {
			X int `flag:"x" arg:"year" usage:"the first"`
		}{}, `no word "year"`},
		{"an arg only within a word", &struct {
			X int `flag:"x" arg:"year" usage:"the yearly count"`
		}{}, `no word "year"`},
		{"a range on a string", &struct {
			X string `flag:"x" min:"1"`
		}{}, "only numbers have a range"},
		{"a bound that is no number", &struct {
			X int `flag:"x" max:"ten"`
		}{}, "is not a number"},
		{"an enum on a number", &struct {
			X int `flag:"x" enum:"1|2"`
		}{}, "only strings"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				msg := fmt.Sprint(recover())
				if !strings.Contains(msg, tt.want) {
					t.Errorf("panic %q, want one saying %q", msg, tt.want)
				}
			}()
			Bind(flag.NewFlagSet("test", flag.ContinueOnError), tt.v)
		})
	}
}

func TestCheck(t *testing.T) {
	for _, tt := range []struct {
		name  string
		edit  func(*request)
		field string
		msg   string
	}{
		{"the preset", func(*request) {}, "", ""},
		{"at the lower bound", func(r *request) { r.From = 1816 }, "", ""},
		{"at the upper bound", func(r *request) { r.From, r.Rate = 2016, 1 }, "", ""},
		{"below the minimum", func(r *request) { r.From = 1815 }, "from-year", "expected at least 1816, got 1815"},
		{"above the maximum", func(r *request) { r.From = 2017 }, "from-year", "expected at most 2016, got 2017"},
		{"the first field out of range is named", func(r *request) { r.Runs, r.Rate = 0, 2 }, "runs", "expected at least 1, got 0"},
		{"a float above", func(r *request) { r.Rate = 1.5 }, "rate", "expected at most 1, got 1.5"},
		{"NaN", func(r *request) { r.Rate = math.NaN() }, "rate", "expected a number, got NaN"},
		{"an int64 above", func(r *request) { r.Big = 2e12 }, "big", "expected at most 1e+12, got 2000000000000"},
		{"not in the enum", func(r *request) { r.Link = "cloglog" }, "link", `expected logit or probit, got "cloglog"`},
		{"an untagged field is not checked", func(r *request) { r.Hidden = 0 }, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := preset()
			tt.edit(&r)
			err := Check(r)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Check = %v, want nil", err)
				}
				return
			}
			if err == nil || err.Field != tt.field || err.Msg != tt.msg {
				t.Fatalf("Check = %#v, want --%s: %s", err, tt.field, tt.msg)
			}
			if want := "--" + tt.field + ": " + tt.msg; err.Error() != want {
				t.Errorf("Error() = %q, want %q", err.Error(), want)
			}
			if p := Check(&r); p == nil || *p != *err {
				t.Errorf("Check(&r) = %v, want what Check(r) says", p)
			}
		})
	}
}

// TestFieldErrorIsBadUsage checks that a verb returning Check's error
// exits 2 with the message naming the flag.
func TestFieldErrorIsBadUsage(t *testing.T) {
	p := Program{Name: "prog", Verbs: func() []Verb {
		return []Verb{{Name: "run", Run: func(ctx context.Context, env *Env, args []string) error {
			r := preset()
			fs := flag.NewFlagSet("run", flag.ContinueOnError)
			Bind(fs, &r)
			if err := Parse(fs, args); err != nil {
				return err
			}
			if err := Check(r); err != nil {
				return fmt.Errorf("checking: %w", err)
			}
			return nil
		}}}
	}, Describe: func(err error) string { return err.Error() }, ExitCode: func(error) int { return 1 }}
	var stderr bytes.Buffer
	code := p.Main(context.Background(), &Env{Stdout: io.Discard, Stderr: &stderr}, []string{"run", "--runs", "0"})
	if want := "prog: checking: --runs: expected at least 1, got 0\n"; code != 2 || stderr.String() != want {
		t.Errorf("exit %d, %q; want 2, %q", code, stderr.String(), want)
	}
}

// FuzzCheck checks that a value passes Check exactly when it lies in the
// declared range, and that an error always names the flag it is about.
func FuzzCheck(f *testing.F) {
	f.Add(1946, 100, 0.5, "logit")
	f.Add(1815, 0, math.Inf(1), "")
	f.Add(2017, -1, -0.0, "probit ")
	f.Fuzz(func(t *testing.T, from, runs int, rate float64, link string) {
		r := preset()
		r.From, r.Runs, r.Rate, r.Link = from, runs, rate, link
		err := Check(r)
		var want string
		switch {
		case from < 1816 || from > 2016:
			want = "from-year"
		case runs < 1:
			want = "runs"
		case !(rate >= 0 && rate <= 1):
			want = "rate"
		case link != "logit" && link != "probit":
			want = "link"
		}
		switch {
		case want == "" && err != nil:
			t.Fatalf("Check = %v for an input in range", err)
		case want != "" && (err == nil || err.Field != want || err.Msg == ""):
			t.Fatalf("Check = %v, want an error on --%s", err, want)
		}
	})
}

// Example binds a request's flags, parses them and checks the result.
func Example() {
	type request struct {
		From  int    `flag:"from" arg:"year" usage:"the first year" min:"1816"`
		Link  string `flag:"link" usage:"logit or probit" enum:"logit|probit"`
		Quiet bool   `flag:"quiet" usage:"no progress on standard error"`
	}
	r := request{From: 1946, Link: "logit"}
	fs := flag.NewFlagSet("example", flag.ContinueOnError)
	fs.SetOutput(os.Stdout)
	Bind(fs, &r)
	fs.PrintDefaults()
	if err := Parse(fs, []string{"--from", "1800", "--quiet"}); err != nil {
		fmt.Println(err)
	}
	fmt.Println(r.From, r.Link, r.Quiet)
	fmt.Println(Check(r))
	// Output:
	//   -from year
	//     	the first year (default 1946)
	//   -link string
	//     	logit or probit (default "logit")
	//   -quiet
	//     	no progress on standard error
	// 1800 logit true
	// --from: expected at least 1816, got 1800
}

func TestValidateIsTheProjectsInputError(t *testing.T) {
	r := preset()
	r.Link = "cloglog"
	err := Validate(r)
	if entente.ErrorCode(err) != entente.EINVALID || entente.ErrorField(err) != "link" || !strings.Contains(entente.ErrorMessage(err), `got "cloglog"`) {
		t.Errorf("Validate = %v, want an EINVALID error on link", err)
	}
	if err := Validate(preset()); err != nil {
		t.Errorf("Validate(preset) = %v", err)
	}
}
