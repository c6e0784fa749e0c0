package ledger

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/tlog"
)

// LogReport is the result of verifying one log.
type LogReport struct {
	Log     string `json:"log"`
	Entries int64  `json:"entries"`
	Heads   int    `json:"heads"`
	// Problem is empty for a sound log; otherwise it names the first entry
	// that does not match, at Index.
	Problem string `json:"problem,omitempty"`
	Index   int64  `json:"index"`
}

// OK reports whether the log verified.
func (r LogReport) OK() bool { return r.Problem == "" }

// Verify checks every log in store: each entry hashes to its stored leaf
// hash, every signed tree head verifies under v and matches the entries it
// covers, the last head covers the whole log, and the events decode and
// replay (which re-decides every proposal). It returns one report per log.
// An error is returned only when the store cannot be read.
func Verify(ctx context.Context, store entente.Store, v tlog.Verifier) ([]LogReport, error) {
	names, err := store.Logs(ctx)
	if err != nil {
		return nil, fmt.Errorf("verify: listing logs: %w", err)
	}
	keys, err := storedKeys(ctx, store)
	if err != nil {
		return nil, err
	}
	reports := make([]LogReport, 0, len(names))
	for _, name := range names {
		r, err := verifyLog(ctx, store, name, v, keys)
		if err != nil {
			return nil, err
		}
		reports = append(reports, r)
	}
	return reports, nil
}

func verifyLog(ctx context.Context, store entente.Store, name string, v tlog.Verifier, keys actorKeys) (LogReport, error) {
	entries, err := store.Entries(ctx, name, 0, -1)
	if err != nil {
		return LogReport{}, fmt.Errorf("verify: reading log %s: %w", name, err)
	}
	heads, err := store.Heads(ctx, name)
	if err != nil {
		return LogReport{}, fmt.Errorf("verify: reading heads of %s: %w", name, err)
	}
	r := LogReport{Log: name, Entries: int64(len(entries)), Heads: len(heads)}
	data := make([][]byte, len(entries))
	leaves := make([]tlog.Hash, len(entries))
	for i, e := range entries {
		if e.Index != int64(i) {
			r.Problem, r.Index = fmt.Sprintf("entry stored at index %d, expected %d", e.Index, i), int64(i)
			return r, nil
		}
		data[i], leaves[i] = e.Data, e.LeafHash
	}
	if err := tlog.Audit(name, data, leaves, heads, v); err != nil {
		var m *tlog.MismatchError
		if !errors.As(err, &m) {
			return r, err
		}
		r.Problem, r.Index = m.Reason, int64(m.Index)
		return r, nil
	}
	if i, err := replay(name, data, keys); err != nil {
		r.Problem, r.Index = err.Error(), i
	}
	return r, nil
}

// actorKeys holds every public key each actor has registered.
type actorKeys map[entente.ActorID]map[string]bool

// registryKeys collects the keys the registry log records; entries that do
// not decode are left to replay to report.
func registryKeys(data [][]byte) actorKeys {
	keys := actorKeys{}
	for _, b := range data {
		ev, err := entente.DecodeEvent(b)
		if err != nil {
			continue
		}
		if d, ok := ev.Data.(entente.ActorRegistered); ok && d.Actor.PublicKey != "" {
			if keys[d.Actor.ID] == nil {
				keys[d.Actor.ID] = map[string]bool{}
			}
			keys[d.Actor.ID][d.Actor.PublicKey] = true
		}
	}
	return keys
}

func storedKeys(ctx context.Context, store entente.Store) (actorKeys, error) {
	entries, err := store.Entries(ctx, entente.RegistryLog, 0, -1)
	if err != nil {
		return nil, fmt.Errorf("verify: reading the registry: %w", err)
	}
	data := make([][]byte, len(entries))
	for i, e := range entries {
		data[i] = e.Data
	}
	return registryKeys(data), nil
}

// replay decodes and folds a log's entries, returning the index of the
// first that fails. Signed requests must verify under a key their member
// registered, and must have been signed for a log no longer than the point
// where they were recorded.
func replay(name string, data [][]byte, keys actorKeys) (int64, error) {
	registry := entente.NewRegistry()
	state := &entente.PactState{}
	for i, b := range data {
		ev, err := entente.DecodeEvent(b)
		if err != nil {
			return int64(i), fmt.Errorf("entry does not decode: %v", err)
		}
		if canon, err := entente.EncodeEvent(ev); err != nil || !bytes.Equal(canon, b) {
			return int64(i), fmt.Errorf("entry is not in the canonical encoding")
		}
		if err := checkSubmission(ev, keys); err != nil {
			return int64(i), err
		}
		if name == entente.RegistryLog {
			err = registry.Apply(ev)
		} else {
			err = state.Apply(ev)
		}
		if err != nil {
			return int64(i), fmt.Errorf("entry does not replay: %v", err)
		}
		if i == 0 && name != entente.RegistryLog && string(state.Pact.ID) != name {
			return 0, fmt.Errorf("log %s founds pact %q", name, state.Pact.ID)
		}
	}
	return 0, nil
}

func checkSubmission(ev entente.Event, keys actorKeys) error {
	sub := ev.Signed
	if sub == nil {
		return nil
	}
	if err := sub.Verify(); err != nil {
		return fmt.Errorf("signed request of %s: %v", ev.By, err)
	}
	if !keys[ev.By][sub.PublicKey] {
		return fmt.Errorf("signed request of %s: the key is not one %s registered", ev.By, ev.By)
	}
	if sub.Size > ev.Seq {
		return fmt.Errorf("signed request of %s: signed for a log of %d entries, recorded at entry %d", ev.By, sub.Size, ev.Seq)
	}
	return nil
}

// ExportLine is one line of an export: a log entry's canonical bytes.
type ExportLine struct {
	Log   string          `json:"log"`
	Index int64           `json:"index"`
	Event json.RawMessage `json:"event"`
}

// Export writes every log of store as JSON lines, registry first, each
// entry's event exactly as stored, so that an import reproduces the same
// leaf hashes and roots.
func Export(ctx context.Context, store entente.Store, w io.Writer) (int64, error) {
	names, err := store.Logs(ctx)
	if err != nil {
		return 0, err
	}
	names = registryFirst(names)
	bw := bufio.NewWriter(w)
	var n int64
	for _, name := range names {
		entries, err := store.Entries(ctx, name, 0, -1)
		if err != nil {
			return n, fmt.Errorf("export: reading log %s: %w", name, err)
		}
		for _, e := range entries {
			line, err := json.Marshal(ExportLine{Log: name, Index: e.Index, Event: e.Data})
			if err != nil {
				return n, fmt.Errorf("export: log %s entry %d: %w", name, e.Index, err)
			}
			bw.Write(line)
			bw.WriteByte('\n')
			n++
		}
	}
	return n, bw.Flush()
}

func registryFirst(names []string) []string {
	out := []string{}
	for _, n := range names {
		if n == entente.RegistryLog {
			out = append([]string{n}, out...)
		} else {
			out = append(out, n)
		}
	}
	return out
}

// Import reads an export and appends it to store, which must not hold any
// of its logs yet. Each log is first decoded and replayed in full, so that
// a bad export writes nothing of that log; entries keep their exact bytes
// and each log gets one tree head signed by signer at time now. Errors name
// the line.
func Import(ctx context.Context, store entente.Store, signer tlog.Signer, now time.Time, r io.Reader) (int64, error) {
	logs, order, err := readExport(r)
	if err != nil {
		return 0, err
	}
	keys, err := storedKeys(ctx, store)
	if err != nil {
		return 0, err
	}
	for k, v := range registryKeys(logs[entente.RegistryLog]) {
		keys[k] = v
	}
	for _, name := range order {
		if n, err := store.Len(ctx, name); err != nil {
			return 0, err
		} else if n > 0 {
			return 0, entente.Errorf(entente.ECONFLICT, "import: the store already holds log %q", name)
		}
		if i, err := replay(name, logs[name], keys); err != nil {
			return 0, entente.Errorf(entente.EINVALID, "import: log %s entry %d: %v", name, i, err)
		}
	}
	var total int64
	for _, name := range order {
		data := logs[name]
		entries := make([]entente.Entry, len(data))
		b := tlog.NewBuilder()
		for i, d := range data {
			entries[i] = entente.Entry{Index: int64(i), Data: d, LeafHash: tlog.LeafHash(d)}
			b.Append(entries[i].LeafHash)
		}
		head := signer.Sign(tlog.TreeHead{Log: name, Size: b.Size(), Root: b.Root(), Time: now.UTC()})
		if err := store.Append(ctx, name, 0, entries, head); err != nil {
			return total, fmt.Errorf("import: log %s: %w", name, err)
		}
		total += int64(len(entries))
	}
	return total, nil
}

// readExport parses export lines, checking that each log's entries come in
// order from 0.
func readExport(r io.Reader) (map[string][][]byte, []string, error) {
	logs := map[string][][]byte{}
	var order []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var l ExportLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, nil, entente.Errorf(entente.EINVALID, "import: line %d: expected a JSON object with log, index and event: %v", line, err)
		}
		if l.Log == "" || len(l.Event) == 0 {
			return nil, nil, entente.Errorf(entente.EINVALID, "import: line %d: expected log and event", line)
		}
		if _, seen := logs[l.Log]; !seen {
			order = append(order, l.Log)
		}
		if want := int64(len(logs[l.Log])); l.Index != want {
			return nil, nil, entente.Errorf(entente.EINVALID, "import: line %d: log %s: expected index %d, got %d", line, l.Log, want, l.Index)
		}
		logs[l.Log] = append(logs[l.Log], []byte(l.Event))
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("import: %w", err)
	}
	return logs, order, nil
}
