package power

import (
	"flag"
	"regexp"
	"strings"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cmdline"
)

// The hint of a game too large names flags the Request defines, so that
// renaming a field's flag cannot leave the hint naming an old one.
func TestHintNamesRequestFlags(t *testing.T) {
	fs := flag.NewFlagSet("power", flag.ContinueOnError)
	req := NewRequest()
	cmdline.Bind(fs, &req)
	for _, le := range []*LimitError{
		{Resource: "memory", What: "a table", Need: 1 << 30, Limit: 1 << 20, Indices: ShapleyShubikIndex},
		{Resource: "work", What: "a count", Need: 1e12, Limit: 2e11, Indices: DeeganPackelIndex | BanzhafIndex},
	} {
		msg := Hint(le).Error()
		flags := regexp.MustCompile(`--([a-z-]+)`).FindAllStringSubmatch(msg, -1)
		if len(flags) < 3 {
			t.Errorf("%s: names %d flags, want a limit, --indices and --samples: %q", le.Resource, len(flags), msg)
		}
		for _, f := range flags {
			if fs.Lookup(f[1]) == nil {
				t.Errorf("%s: the hint names --%s, which power.Request does not define: %q", le.Resource, f[1], msg)
			}
		}
	}
	if err := entente.Errorf(entente.EINVALID, "x"); Hint(err) != err {
		t.Errorf("Hint changed an error that is not about size")
	}
}

// An input that makes no game is an EINVALID error naming the flag: the
// second quota as --quota2 when it came from there.
func TestAnalyseNamesTheFlag(t *testing.T) {
	for _, c := range []struct {
		req   Request
		field string
	}{
		{Request{Weights: "1,x", Quota: "2"}, "weights"},
		{Request{File: "testdata/no-such-file.csv", Quota: "2"}, ""},
		{Request{Weights: "1,2", Quota: "2,3"}, "quota"},
		{Request{Weights: "1,2", Quota: "lots"}, "quota"},
	} {
		_, err := c.req.Analyse(strings.NewReader(""), Options{Indices: BanzhafIndex})
		if err == nil {
			t.Errorf("%+v: no error", c.req)
			continue
		}
		if got := entente.ErrorField(err); got != c.field {
			t.Errorf("%+v: field %q (%v), want %q", c.req, got, err, c.field)
		}
	}
}
