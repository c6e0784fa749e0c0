package report

import (
	"bytes"
	"math"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/entente/entente/dataset/atop"
	"github.com/entente/entente/dataset/atopindex"
	"github.com/entente/entente/dataset/idealpoints"
	"github.com/entente/entente/dataset/peacesciencer"
	"github.com/entente/entente/internal/sharedata"
)

// TestOLSClustered checks fitOLS against a hand computation: with one
// regressor and a constant on four points in two clusters, the
// coefficients are the textbook ones and the clustered variance of the
// slope is c·Σ_g (Σ_i∈g (x_i - x̄) u_i)² / (Σ (x_i - x̄)²)².
func TestOLSClustered(t *testing.T) {
	xs := []float64{0, 1, 2, 3}
	ys := []float64{1, 2, 2, 5}
	cl := []int{1, 1, 2, 2}
	rows := make([][]float64, len(xs))
	for i, x := range xs {
		rows[i] = []float64{1, x}
	}
	f, err := fitOLS(rows, ys, cl)
	if err != nil {
		t.Fatal(err)
	}
	// slope = Sxy/Sxx = (−1.5·−1.5 + −0.5·−0.5 + 0.5·−0.5 + 1.5·2.5)/5 = 1.2, intercept 2.5 − 1.2·1.5 = 0.7
	if math.Abs(f.Coef[1]-1.2) > 1e-12 || math.Abs(f.Coef[0]-0.7) > 1e-12 {
		t.Errorf("coefficients %v, want 0.7, 1.2", f.Coef)
	}
	u := []float64{1 - 0.7, 2 - 1.9, 2 - 3.1, 5 - 4.3}
	g1 := -1.5*u[0] + -0.5*u[1]
	g2 := 0.5*u[2] + 1.5*u[3]
	c := 2.0 / 1 * 3 / 2
	want := math.Sqrt(c * (g1*g1 + g2*g2) / 25)
	if math.Abs(f.SE[1]-want) > 1e-12 {
		t.Errorf("clustered SE %v, want %v", f.SE[1], want)
	}
	if _, err := fitOLS(rows[:2], ys[:2], cl[:2]); err == nil {
		t.Error("two observations for two coefficients accepted")
	}
}

var claimInput = sync.OnceValues(func() (ClaimInput, error) {
	var in ClaimInput
	base, err := loadInput()
	if err != nil {
		return in, err
	}
	root := sharedata.Root() + "/"
	members, err := atop.LoadMembers(root + "atop_v5.1/atop5_1m.csv")
	if err != nil {
		return in, err
	}
	ix, err := atopindex.New(members, atopindex.LastYear)
	if err != nil {
		return in, err
	}
	dem, err := peacesciencer.LoadDemocracy(root + "peacesciencer/ccode_democracy.csv")
	if err != nil {
		return in, err
	}
	ip, err := idealpoints.Load(root + "unga_ideal_points/IdealpointsJuly2025.csv")
	if err != nil {
		return in, err
	}
	return ClaimInput{Votes: base.Votes, Alliances: ix, Capabilities: base.Capabilities, System: base.System,
		Democracy: dem, IdealPoints: ip}, nil
})

var claimResult = sync.OnceValues(func() (*ClaimResult, error) {
	in, err := claimInput()
	if err != nil {
		return nil, err
	}
	return HubClaim(in, ClaimOptions{})
})

// usClaim is the test of seed 003's claim for the United States on the
// shared files (failing under CI when one is missing, skipping otherwise).
func usClaim(t *testing.T) *ClaimResult {
	t.Helper()
	input(t)
	sharedata.Path(t, "peacesciencer/ccode_democracy.csv")
	sharedata.Path(t, "unga_ideal_points/IdealpointsJuly2025.csv")
	res, err := claimResult()
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestHubClaimUS runs the test of seed 003's claim for the United States,
// sessions 2-71, on the real data and pins the headline.
func TestHubClaimUS(t *testing.T) {
	res := usClaim(t)
	for _, r := range res.ClaimTable() {
		t.Log(r)
	}
	t.Logf("N %d, states %d, sessions %d, R2 %.3f, minority roll calls %d", res.N, res.States, res.Sessions, res.R2, res.MinorityCalls)
	allies := 0
	for _, o := range res.Obs {
		if o.Ally {
			allies++
		}
		if o.Agree < 0 || o.Agree > 1 || o.Calls < 5 {
			t.Fatalf("bad observation %+v", o)
		}
	}
	if allies == 0 || allies == res.N {
		t.Fatalf("%d of %d observations are allies", allies, res.N)
	}
	// The headline, pinned (tolerance 5e-4 on coefficients and standard
	// errors): the ally × asymmetry coefficient is small and within one
	// standard error of zero, so on the hub's minority votes the data do
	// not show the extra support from weaker allies that seed 003 claims,
	// once the previous year's ideal-point distance is held constant; the
	// lagged distance carries the fit.
	if res.N != 8374 || res.States != 170 || res.Sessions != 68 || res.MinorityCalls != 4120 {
		t.Errorf("sample: N %d, states %d, sessions %d, minority roll calls %d; pinned 8374, 170, 68, 4120", res.N, res.States, res.Sessions, res.MinorityCalls)
	}
	for _, p := range []struct {
		term     string
		coef, se float64
	}{{"ally", 0.0158, 0.0369}, {"asymmetry", -0.0152, 0.0037}, {"ally_x_asymmetry", 0.0049, 0.0070}, {"ideal_point_distance_lag", -0.1006, 0.0114}} {
		j := -1
		for i, tm := range res.Terms {
			if tm == p.term {
				j = i
			}
		}
		if j < 0 || math.Abs(res.Coef[j]-p.coef) > 5e-4 || math.Abs(res.SE[j]-p.se) > 5e-4 {
			t.Errorf("%s: %.4f (%.4f), pinned %.4f (%.4f)", p.term, res.Coef[j], res.SE[j], p.coef, p.se)
		}
	}
	if j := 3; math.Abs(res.Coef[j]/res.SE[j]) > 1.96 {
		t.Errorf("ally × asymmetry is significant: t = %.2f", res.Coef[j]/res.SE[j])
	}
}

// TestClaimOutputs renders the US claim test as text, CSV, JSON and chart:
// the text names the sample and concludes as the pinned figures say.
func TestClaimOutputs(t *testing.T) {
	res := usClaim(t)
	var b strings.Builder
	if err := WriteClaimText(&b, res); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"N = 8374 state-sessions", "ally_x_asymmetry", "no sign that weaker allies"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := WriteClaimCSV(&b, res); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(b.String(), "\n"); lines != len(res.Terms)+1 || !strings.HasPrefix(b.String(), "term,coef,se_clustered_by_state,t,ci_lo,ci_hi,n\n") {
		t.Errorf("CSV:\n%s", b.String())
	}
	if j := ClaimJSON(res); j["n"] != 8374 {
		t.Errorf("JSON n %v", j["n"])
	}
	var png bytes.Buffer
	if err := ClaimChart(&png, res, 6*vg.Inch, 4*vg.Inch); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(png.Bytes(), []byte("\x89PNG")) {
		t.Error("chart is not a PNG")
	}
}

// TestHubClaimImportantVotes runs the claim test on the US State
// Department's important votes (sessions 38-71) and pins its headline.
func TestHubClaimImportantVotes(t *testing.T) {
	input(t)
	sharedata.Path(t, "peacesciencer/ccode_democracy.csv")
	sharedata.Path(t, "unga_ideal_points/IdealpointsJuly2025.csv")
	in, err := claimInput()
	if err != nil {
		t.Fatal(err)
	}
	res, err := HubClaim(in, ClaimOptions{FromSession: 38, ToSession: 71, Important: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.ClaimTable() {
		t.Log(r)
	}
	t.Logf("N %d, states %d, sessions %d, R2 %.3f, important roll calls %d", res.N, res.States, res.Sessions, res.R2, res.MinorityCalls)
	// Pinned: N and the roll calls exactly, coefficients and SEs to 5e-5.
	// On the important votes too, weaker allies do not side with the hub
	// more than their preferences predict: ally × asymmetry -0.0027
	// (SE 0.0047).
	if res.N != 5010 || res.States != 169 || res.Sessions != 34 || res.MinorityCalls != 392 {
		t.Errorf("N %d, states %d, sessions %d, roll calls %d; pinned 5010, 169, 34, 392", res.N, res.States, res.Sessions, res.MinorityCalls)
	}
	for j, want := range [][2]float64{{0.7589, 0.0333}, {0.0323, 0.0231}, {0.0098, 0.0032}, {-0.0027, 0.0047}, {-0.1643, 0.0067}, {-0.0015, 0.0007}} {
		if math.Abs(res.Coef[j]-want[0]) > 5e-5 || math.Abs(res.SE[j]-want[1]) > 5e-5 {
			t.Errorf("%s %.4f (SE %.4f), pinned %.4f (%.4f)", res.Terms[j], res.Coef[j], res.SE[j], want[0], want[1])
		}
	}
	if lo := res.Coef[3] - 1.96*res.SE[3]; lo > 0 {
		t.Errorf("ally × asymmetry now significantly positive on important votes: update the doc")
	}
}
