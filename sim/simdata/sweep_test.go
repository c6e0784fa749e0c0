package simdata

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/sim"
)

// good is a sweep that passes every check.
var good = Sweep{From: 1946, Years: 5, Runs: 2, Seed: 7}

func TestSweepOptionsNameTheField(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Sweep)
		field string
	}{
		{"store takes one run", func(s *Sweep) { s.Store = true }, "db"},
		{"no years", func(s *Sweep) { s.Years = 0 }, "years"},
		{"too many years", func(s *Sweep) { s.Years = 1001 }, "years"},
		{"no runs", func(s *Sweep) { s.Runs = 0 }, "runs"},
		{"negative workers", func(s *Sweep) { s.Workers = -1 }, "workers"},
		{"too many actors", func(s *Sweep) { s.Synthetic = 10001 }, "synthetic"},
		{"year before COW", func(s *Sweep) { s.From = 1800 }, "from-year"},
		{"bad shard", func(s *Sweep) { s.Shard = "3/2" }, "shard"},
		{"unknown parameter", func(s *Sweep) { s.Set = []string{"no_such=1"} }, "set"},
		{"unknown mechanism", func(s *Sweep) { s.Off = []string{"no_such"} }, "off"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := good
			tt.edit(&s)
			_, _, err := s.Options()
			if entente.ErrorCode(err) != entente.EINVALID || entente.ErrorField(err) != tt.field || entente.ErrorMessage(err) == tt.field+": " {
				t.Errorf("Options() = %v, want an EINVALID error on %s", err, tt.field)
			}
		})
	}
	s := good
	s.Synthetic, s.From, s.Shard, s.Calibrated = 20, 0, "1/2", true
	o, p, err := s.Options()
	if err != nil || o.Shard != 1 || o.Shards != 2 || o.Runs != 2 || o.Years != 5 || !reflect.DeepEqual(p, sim.Calibrated()) {
		t.Errorf("Options() = %+v, %v", o, err)
	}
}

func TestSweepWhatIf(t *testing.T) {
	for _, tt := range []struct {
		periods int
		assume  []string
		field   string
	}{{0, nil, "periods"}, {1201, nil, "periods"}, {12, []string{"helios"}, "assume"}} {
		_, err := good.WhatIf(tt.periods, tt.assume)
		if entente.ErrorCode(err) != entente.EINVALID || entente.ErrorField(err) != tt.field {
			t.Errorf("WhatIf(%d, %q) = %v, want an EINVALID error on %s", tt.periods, tt.assume, err, tt.field)
		}
	}
	o, err := good.WhatIf(12, []string{"helios=40%"})
	if err != nil || o.Periods != 12 || o.Deliver["helios"] != 0.4 {
		t.Errorf("WhatIf = %+v, %v", o, err)
	}
}

// TestSweepWorldAndRuns builds a synthetic world, refuses a missing
// scenario naming the field, and merges the runs of two shards back into
// the unsharded sweep's rows.
func TestSweepWorldAndRuns(t *testing.T) {
	s := good
	s.Synthetic = 12
	w, err := s.World("")
	if err != nil || len(w.Actors) != 12 {
		t.Fatalf("World() = %v actors, %v", w, err)
	}
	s.Scenario = filepath.Join(t.TempDir(), "missing.json")
	if _, err := s.World(""); entente.ErrorField(err) != "scenario" {
		t.Errorf("a missing scenario: %v", err)
	}
	s.Scenario = ""
	opts, params, err := s.Options()
	if err != nil {
		t.Fatal(err)
	}
	whole, err := sim.Batch(context.Background(), w, params, opts)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var files []string
	for i := range 2 {
		o := opts
		o.Shard, o.Shards = i, 2
		rows, err := sim.Batch(context.Background(), w, params, o)
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(filepath.Join(dir, "part"+string(rune('0'+i))+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		if err := sim.WriteRows(f, rows); err != nil {
			t.Fatal(err)
		}
		f.Close()
		files = append(files, f.Name())
	}
	merged, err := ReadRuns(files)
	if err != nil || len(merged) != len(whole) {
		t.Fatalf("ReadRuns: %d rows, %v; want %d", len(merged), err, len(whole))
	}
	for i := range whole {
		if merged[i] != whole[i] {
			t.Fatalf("row %d: %+v, want %+v", i, merged[i], whole[i])
		}
	}
	if _, err := ReadRuns(append(files, files[0])); err == nil {
		t.Error("a shard given twice merged")
	}
}

// Record returns the run as the operator's record: the registry of the
// world's actors first, then one log per pact, each with its events.
func TestRecord(t *testing.T) {
	s := good
	s.Synthetic = 12
	w, err := s.World("")
	if err != nil {
		t.Fatal(err)
	}
	opts, params, err := s.Options()
	if err != nil {
		t.Fatal(err)
	}
	logs, err := Record(w, params, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) < 2 || logs[0].Name != entente.RegistryLog || len(logs[0].Events) != len(w.Actors) {
		t.Fatalf("%d logs, the first %q with %d events; want the registry of %d actors and pacts", len(logs), logs[0].Name, len(logs[0].Events), len(w.Actors))
	}
	for _, l := range logs[1:] {
		if l.Name == "" || len(l.Events) == 0 {
			t.Errorf("pact log %q with %d events", l.Name, len(l.Events))
		}
	}
}
