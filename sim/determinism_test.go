package sim

import (
	"bytes"
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/entente/entente"
)

// csvOf runs a sweep and returns its CSV.
func csvOf(t *testing.T, w *World, p Params, o BatchOptions) []byte {
	t.Helper()
	rows, err := Batch(context.Background(), w, p, o)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteRows(&b, rows); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSameSeedSameBytesWhateverTheWorkers(t *testing.T) {
	w := Synthetic(30, 1.5, 1950, 3)
	o := BatchOptions{Options: Options{Years: 12}, Runs: 6, Seed: 7}
	var first []byte
	for _, workers := range []int{1, 2, 4} {
		o.Workers = workers
		got := csvOf(t, w, DefaultParams(), o)
		if first == nil {
			first = got
			continue
		}
		if !bytes.Equal(got, first) {
			t.Fatalf("%d workers gave different bytes than 1 worker", workers)
		}
	}
	o.Seed = 8
	if bytes.Equal(csvOf(t, w, DefaultParams(), o), first) {
		t.Error("seed 8 gave the same bytes as seed 7: the seed is not used")
	}
	if n := bytes.Count(first, []byte("\n")); n < 6*12*10 {
		t.Errorf("expected at least 10 statistics per run-year, got %d lines", n)
	}
}

func TestShardsMergeToTheWholeSweep(t *testing.T) {
	w := Synthetic(20, 1.5, 1960, 4)
	o := BatchOptions{Options: Options{Years: 8}, Runs: 5, Seed: 11, Workers: 2}
	whole, err := Batch(context.Background(), w, DefaultParams(), o)
	if err != nil {
		t.Fatal(err)
	}
	var shards [][]Row
	for s := 0; s < 3; s++ {
		o.Shard, o.Shards = s, 3
		rows, err := Batch(context.Background(), w, DefaultParams(), o)
		if err != nil {
			t.Fatal(err)
		}
		shards = append(shards, rows)
	}
	merged, err := Merge(shards[2], shards[0], shards[1])
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(whole, merged); d != "" {
		t.Errorf("merged shards differ from the whole sweep (-whole +merged):\n%s", d)
	}
	if _, err := Merge(shards[0], shards[0]); err == nil {
		t.Error("merging a shard with itself: expected an error naming the duplicated run")
	}
}

func TestBatchRefusesBadShard(t *testing.T) {
	w := Synthetic(5, 1, 1950, 1)
	for _, o := range []BatchOptions{{Shard: 3, Shards: 3}, {Shard: -1, Shards: 2}, {Runs: -1}} {
		if _, err := Batch(context.Background(), w, DefaultParams(), o); err == nil {
			t.Errorf("%+v: expected an error", o)
		}
	}
}

// Every pact a run produces replays from its events through entente.Fold
// to the state the run left it in, also after the events' JSON round trip.
func TestRunPactsReplayThroughFold(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(3, 18).Draw(rt, "actors")
		years := rapid.IntRange(1, 10).Draw(rt, "years")
		w := Synthetic(n, rapid.Float64Range(0, 3).Draw(rt, "rivals"), 1950, rapid.Uint64().Draw(rt, "world"))
		p := DefaultParams()
		p.GeneralRule = rapid.SampledFrom(append([]entente.RuleKind{""}, simpleRules...)).Draw(rt, "rule")
		p.Monitoring = rapid.Float64Range(0, 1).Draw(rt, "monitoring")
		p.CommonThreat = rapid.Float64Range(0, 1).Draw(rt, "common")
		p.SeekRate = rapid.Float64Range(0.2, 1).Draw(rt, "seek")
		p.LeaveBias = rapid.Float64Range(-6, 0).Draw(rt, "leave")
		res, err := Run(w, p, Options{Years: years, KeepLogs: true}, rapid.Uint64().Draw(rt, "seed"), 0)
		if err != nil {
			rt.Fatal(err)
		}
		for _, pl := range res.Pacts {
			replayed, err := entente.Fold(roundTrip(rt, pl.Events))
			if err != nil {
				rt.Fatalf("pact %s does not replay: %v", pl.State.Pact.ID, err)
			}
			if d := cmp.Diff(pl.State, replayed); d != "" {
				rt.Fatalf("pact %s replays differently (-run +replay):\n%s", pl.State.Pact.ID, d)
			}
		}
	})
}

func roundTrip(t *rapid.T, events []entente.Event) []entente.Event {
	out := make([]entente.Event, len(events))
	for i, e := range events {
		b, err := entente.EncodeEvent(e)
		if err != nil {
			t.Fatal(err)
		}
		if out[i], err = entente.DecodeEvent(b); err != nil {
			t.Fatal(err)
		}
	}
	return out
}
