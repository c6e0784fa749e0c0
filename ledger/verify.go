package ledger

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// LogReport is the result of verifying one log.
type LogReport struct {
	Log     string `json:"log"`
	Entries int64  `json:"entries"`
	Heads   int    `json:"heads"`
	// Signed counts the members' signed requests the log holds; Attested
	// is true for a pact that is the operator's record (founded unsigned).
	Signed   int  `json:"signed"`
	Attested bool `json:"attested,omitempty"`
	// Redacted counts entries held only as leaf hashes (an export for a
	// reader): the heads are checked over them, the log is not replayed.
	Redacted int `json:"redacted,omitempty"`
	// Problem is empty for a sound log; otherwise it names the first entry
	// that does not match, at Index.
	Problem string `json:"problem,omitempty"`
	Index   int64  `json:"index"`
	// Snapshot is the size of the log's snapshot on disk that was checked
	// against a fresh fold of the log (0 for none). A snapshot that
	// differs is the log's Problem, at Index its size.
	Snapshot int64 `json:"snapshot,omitempty"`
}

// OK reports whether the log verified.
func (r LogReport) OK() bool { return r.Problem == "" }

// Verify checks every log in store with nothing but the server's public
// key v: each entry hashes to its stored leaf hash, every signed tree head
// verifies under v and matches the entries it covers, the last head covers
// the whole log, and the log replays: every member's action is re-run from
// the signed request it carries (signed by exactly the delegates its
// command needs, with keys live in the registry at that point, within its
// expiry, its nonce used once) and must yield exactly the recorded entries;
// what time brought about must be what Advance yields. Every pact's
// snapshot on disk (which Open trusts) must be what the fold of the log's
// entries it covers yields. It returns one
// report per log, the registry first. An error is returned only when the
// store cannot be read.
func Verify(ctx context.Context, store logstore.Store, v tlog.Verifier) ([]LogReport, error) {
	names, err := store.Logs(ctx)
	if err != nil {
		return nil, fmt.Errorf("verify: listing logs: %w", err)
	}
	names = registryFirst(names)
	reg := entente.NewRegistry()
	reports := make([]LogReport, 0, len(names))
	for _, name := range names {
		data, heads, err := readLog(ctx, store, name)
		if err != nil {
			return nil, err
		}
		var snap *logstore.Snapshot
		sn, ok, err := store.Snapshot(ctx, name)
		if err != nil {
			return nil, fmt.Errorf("verify: reading the snapshot of %s: %w", name, err)
		}
		if ok {
			snap = &sn
		}
		r, next := verifyLogSnapshot(name, data, heads, v, reg, snap)
		if next != nil {
			reg = next
		}
		reports = append(reports, r)
	}
	return reports, nil
}

// readLog returns a log's entries (checking their indices) and heads.
func readLog(ctx context.Context, store logstore.Store, name string) ([]storedEntry, []tlog.TreeHead, error) {
	entries, err := store.Entries(ctx, name, 0, -1)
	if err != nil {
		return nil, nil, fmt.Errorf("verify: reading log %s: %w", name, err)
	}
	heads, err := store.Heads(ctx, name)
	if err != nil {
		return nil, nil, fmt.Errorf("verify: reading heads of %s: %w", name, err)
	}
	out := make([]storedEntry, len(entries))
	for i, e := range entries {
		out[i] = storedEntry{index: e.Index, data: e.Data, leaf: e.LeafHash}
	}
	return out, heads, nil
}

// storedEntry is an entry as read from a store or an export.
type storedEntry struct {
	index int64
	data  []byte
	leaf  tlog.Hash
}

// verifyLog audits and replays one log. For the registry it also returns
// the registry it replayed to, against which the pacts' logs are checked.
func verifyLog(name string, entries []storedEntry, heads []tlog.TreeHead, v tlog.Verifier, reg *entente.Registry) (LogReport, *entente.Registry) {
	return verifyLogSnapshot(name, entries, heads, v, reg, nil)
}

// verifyLogSnapshot is verifyLog that also checks the log's snapshot on
// disk, if snap is not nil, against the fold of the entries it covers.
func verifyLogSnapshot(name string, entries []storedEntry, heads []tlog.TreeHead, v tlog.Verifier, reg *entente.Registry, snap *logstore.Snapshot) (LogReport, *entente.Registry) {
	r, next, _ := verifyLogKeep(name, entries, heads, v, reg, snap, false)
	return r, next
}

// verifyLogKeep is verifyLogSnapshot that, with keep, also returns the
// snapshot of the whole log that its fold yields (see encodeSnapshot), or
// nil for the registry or a log that does not verify.
func verifyLogKeep(name string, entries []storedEntry, heads []tlog.TreeHead, v tlog.Verifier, reg *entente.Registry, snap *logstore.Snapshot, keep bool) (LogReport, *entente.Registry, []byte) {
	r, next, whole := verifyLogMarked(name, entries, heads, v, reg, snap, keep)
	if !r.OK() {
		whole = nil
	}
	return r, next, whole
}

func verifyLogMarked(name string, entries []storedEntry, heads []tlog.TreeHead, v tlog.Verifier, reg *entente.Registry, snap *logstore.Snapshot, keep bool) (LogReport, *entente.Registry, []byte) {
	r := LogReport{Log: name, Entries: int64(len(entries)), Heads: len(heads)}
	data := make([][]byte, len(entries))
	leaves := make([]tlog.Hash, len(entries))
	for i, e := range entries {
		if e.index != int64(i) {
			r.Problem, r.Index = fmt.Sprintf("entry stored at index %d, expected %d", e.index, i), int64(i)
			return r, nil, nil
		}
		data[i], leaves[i] = e.data, e.leaf
	}
	redacted := 0
	for _, d := range data {
		if d == nil {
			redacted++
		}
	}
	audit := func() error { return tlog.Audit(name, data, leaves, heads, v) }
	if redacted > 0 {
		audit = func() error {
			for i, d := range data {
				if d != nil && tlog.LeafHash(d) != leaves[i] {
					return &tlog.MismatchError{Log: name, Index: uint64(i), Reason: "entry does not hash to its leaf hash"}
				}
			}
			return tlog.AuditHeads(name, leaves, heads, v)
		}
	}
	if err := audit(); err != nil {
		r.Problem, r.Index = err.Error(), 0
		var m *tlog.MismatchError
		if errors.As(err, &m) {
			r.Problem, r.Index = m.Reason, int64(m.Index)
		}
		return r, nil, nil
	}
	if redacted > 0 {
		r.Redacted = redacted // proofs only: what is redacted cannot be replayed
		return r, nil, nil
	}
	var fresh, whole []byte // the snapshots a fold would write at snap's size and of the whole log
	var mark func(p *pactReplay, i int)
	if snap != nil || keep {
		if snap != nil {
			r.Snapshot = snap.Size
		}
		mark = func(p *pactReplay, i int) {
			if p.state == nil {
				return
			}
			if snap != nil && int64(i) == snap.Size {
				fresh, _ = encodeSnapshot(leaves[:i], tlog.RangeOf(leaves[:i]), p.state, nonceList(p.nonces), p.attested, p.registry)
			}
			if keep && i == len(leaves) {
				whole, _ = encodeSnapshot(leaves, tlog.RangeOf(leaves), p.state, nonceList(p.nonces), p.attested, p.registry)
			}
		}
	}
	var regMark func(g *entente.Registry, n nonceSet, i int)
	if name == entente.RegistryLog && (snap != nil || keep) {
		regMark = func(g *entente.Registry, n nonceSet, i int) {
			if snap != nil && int64(i) == snap.Size {
				fresh, _ = encodeRegistrySnapshot(leaves[:i], tlog.RangeOf(leaves[:i]), g.Image(), nonceList(n))
			}
			if keep && i == len(leaves) {
				whole, _ = encodeRegistrySnapshot(leaves, tlog.RangeOf(leaves), g.Image(), nonceList(n))
			}
		}
	}
	next, err := replayLog(name, data, reg, &r, mark, regMark)
	if err != nil {
		r.Problem = err.Error()
		var re *replayError
		if errors.As(err, &re) {
			r.Index = re.index
		}
		return r, next, whole
	}
	if snap != nil {
		if p := snapshotProblem(*snap, leaves, fresh); p != "" {
			r.Problem, r.Index = p, snap.Size
		}
	}
	return r, next, whole
}

// replayLog decodes and replays a log, filling in the report's counts.
func replayLog(name string, data [][]byte, reg *entente.Registry, r *LogReport, mark func(p *pactReplay, i int), regMark func(g *entente.Registry, n nonceSet, i int)) (*entente.Registry, error) {
	events, err := decodeAll(data)
	if err != nil {
		return nil, err
	}
	for _, ev := range events {
		if ev.Signed != nil {
			r.Signed++
		}
	}
	if name == entente.RegistryLog {
		next, _, err := replayRegistryFrom(entente.NewRegistry(), nonceSet{}, events, data, regMark)
		return next, err
	}
	p, err := replayPactMarked(name, events, data, reg, mark)
	if err != nil {
		return nil, err
	}
	r.Attested = p.attested
	return nil, nil
}

// ExportLine is one line of an export. The first line carries Key, the
// exporting server's public key; then each log's entries (Log, Index and
// Event, the entry's canonical bytes exactly as stored) followed by its
// signed tree heads (Log and Head); the last line carries Manifest, a head
// signed by the same key over the list of logs with their sizes and roots,
// so that an export missing a log, or a log's tail, does not import.
type ExportLine struct {
	Key      string          `json:"key,omitempty"`
	Log      string          `json:"log,omitempty"`
	Index    int64           `json:"index,omitempty"`
	Event    json.RawMessage `json:"event,omitempty"`
	Head     *tlog.TreeHead  `json:"head,omitempty"`
	Manifest *tlog.TreeHead  `json:"manifest,omitempty"`
	// Redacted marks an entry the export's reader may not read: Leaf is
	// its leaf hash, Type and At its event's type and time, and Event is
	// absent (see ExportFor).
	Redacted bool       `json:"redacted,omitempty"`
	Leaf     *tlog.Hash `json:"leaf,omitempty"`
	Type     string     `json:"type,omitempty"`
	At       *time.Time `json:"at,omitempty"`
}

// manifestLog names the manifest's head; no log can have that name.
const manifestLog = "_export"

// manifestRoot hashes the list of logs with their sizes and roots, one
// "name size root" line each, sorted by name.
func manifestRoot(logs map[string][]tlog.Hash) tlog.Hash {
	var b strings.Builder
	for _, name := range sortedNames(logs) {
		fmt.Fprintf(&b, "%s %d %s\n", name, len(logs[name]), tlog.Root(logs[name]))
	}
	return tlog.Hash(sha256.Sum256([]byte(b.String())))
}

func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Export writes every log of store as JSON lines (see ExportLine),
// registry first, with every signed tree head, and a manifest signed with
// signer at time now. It returns the number of entries written.
func Export(ctx context.Context, store logstore.Store, signer tlog.Signer, now time.Time, w io.Writer) (int64, error) {
	return ExportFor(ctx, store, signer, now, w, nil)
}

// ExportFor is Export for one reader: canRead says which entries of a
// pact's log the reader may see (nil: all); the others are written as
// their leaf hash, type and time only, so that the export still verifies
// on its own against the signed heads and manifest (VerifyExport) while
// holding exactly what the reader may see. The registry is always whole.
func ExportFor(ctx context.Context, store logstore.Store, signer tlog.Signer, now time.Time, w io.Writer, canRead func(log string) (func(entente.Event) bool, error)) (int64, error) {
	names, err := store.Logs(ctx)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	if err := enc.Encode(ExportLine{Key: strings.TrimSpace(string(tlog.MarshalVerifier(signer.Public())))}); err != nil {
		return 0, err
	}
	leaves := map[string][]tlog.Hash{}
	var n int64
	for _, name := range registryFirst(names) {
		entries, err := store.Entries(ctx, name, 0, -1)
		if err != nil {
			return n, fmt.Errorf("export: reading log %s: %w", name, err)
		}
		visible := func(entente.Event) bool { return true }
		if canRead != nil && name != entente.RegistryLog {
			if visible, err = canRead(name); err != nil {
				return n, err
			}
		}
		for _, e := range entries {
			line := ExportLine{Log: name, Index: e.Index, Event: e.Data}
			if ev, err := entente.DecodeEvent(e.Data); err != nil || !visible(ev) {
				leaf := e.LeafHash
				line = ExportLine{Log: name, Index: e.Index, Redacted: true, Leaf: &leaf}
				if err == nil {
					at := ev.At
					line.Type, line.At = ev.Data.EventType(), &at
				}
			}
			if err := enc.Encode(line); err != nil {
				return n, fmt.Errorf("export: log %s entry %d: %w", name, e.Index, err)
			}
			leaves[name] = append(leaves[name], e.LeafHash)
			n++
		}
		heads, err := store.Heads(ctx, name)
		if err != nil {
			return n, fmt.Errorf("export: reading heads of %s: %w", name, err)
		}
		for i := range heads {
			if err := enc.Encode(ExportLine{Log: name, Head: &heads[i]}); err != nil {
				return n, err
			}
		}
	}
	m := signer.Sign(tlog.TreeHead{Log: manifestLog, Size: uint64(len(leaves)), Root: manifestRoot(leaves), Time: now.UTC()})
	if err := enc.Encode(ExportLine{Manifest: &m}); err != nil {
		return n, err
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

// ImportReport says what an import did.
type ImportReport struct {
	// Key is the exporting server's key the export verified under.
	Key     tlog.Verifier
	Logs    int
	Entries int64
}

// Import reads an export and appends it to store, which must not hold any
// of its logs yet. Nothing is written unless the whole export verifies
// against the exporting server's key (pin, when given, else the key the
// export carries, which the report names): the manifest covers exactly the
// logs present, every head verifies and the last covers its whole log, and
// every log replays as Verify replays it. Entries keep their exact bytes;
// each log then gets one tree head signed by signer, the importing
// server, at time now, and each pact of at least DefaultSnapshotEvery
// entries the snapshot its check folded. Errors name the line or the log
// and entry.
func Import(ctx context.Context, store logstore.Store, signer tlog.Signer, now time.Time, r io.Reader, pin *tlog.Verifier) (ImportReport, error) {
	x, err := readExport(r)
	if err != nil {
		return ImportReport{}, err
	}
	v, err := x.verifier(pin)
	if err != nil {
		return ImportReport{}, err
	}
	rep := ImportReport{Key: v, Logs: len(x.order)}
	for _, name := range x.order {
		if x.redacted[name] > 0 {
			return rep, entente.Errorf(entente.EINVALID, "import: log %s holds %d redacted entries: a reader's export verifies (entente verify --export) but cannot be imported", name, x.redacted[name])
		}
	}
	snaps, err := x.check(v)
	if err != nil {
		return rep, err
	}
	n, err := writeLogs(ctx, store, signer, now, x.order, x.logs)
	rep.Entries = n
	if err == nil {
		putSnapshots(ctx, store, x.order, x.logs, snaps)
	}
	return rep, err
}

// putSnapshots stores, beside logs just written whole, the snapshots their
// check folded (see export.check), for the pacts long enough that a
// server would have written one: the first open of an imported store then
// need not fold them again. Each is of the whole log, whose one head's
// root it carries. They are a cache: one that cannot be written is left
// for the first open to rebuild.
func putSnapshots(ctx context.Context, store logstore.Store, order []string, logs map[string][]storedEntry, snaps map[string][]byte) {
	for _, name := range order {
		data, ok := snaps[name]
		if !ok {
			continue
		}
		leaves := make([]tlog.Hash, len(logs[name]))
		for i, e := range logs[name] {
			leaves[i] = e.leaf
		}
		store.PutSnapshot(ctx, logstore.Snapshot{Log: name, Size: int64(len(leaves)), Root: tlog.Root(leaves), Data: data})
	}
}

// writeLogs appends whole logs to a store that holds none of them, each
// with one head signed by signer at now.
func writeLogs(ctx context.Context, store logstore.Store, signer tlog.Signer, now time.Time, order []string, logs map[string][]storedEntry) (int64, error) {
	for _, name := range order {
		if n, err := store.Len(ctx, name); err != nil {
			return 0, err
		} else if n > 0 {
			return 0, entente.Errorf(entente.ECONFLICT, "import: the store already holds log %q", name)
		}
	}
	var total int64
	for _, name := range order {
		entries := logs[name]
		out := make([]logstore.Entry, len(entries))
		b := tlog.NewBuilder()
		for i, e := range entries {
			out[i] = logstore.Entry{Index: int64(i), Data: e.data, LeafHash: e.leaf}
			b.Append(e.leaf)
		}
		head := signer.Sign(tlog.TreeHead{Log: name, Size: b.Size(), Root: b.Root(), Time: now.UTC()})
		if err := store.Append(ctx, name, 0, out, head); err != nil {
			return total, fmt.Errorf("import: log %s: %w", name, err)
		}
		total += int64(len(out))
	}
	return total, nil
}

// Recorded is one log of the operator's own record: a world built from
// datasets, a simulation run.
type Recorded struct {
	Name   string
	Events []entente.Event
}

// WriteRecord appends logs of the operator's own record to store, which
// must hold none of them. Every log is replayed first as Verify replays it
// (registry first; no actor with a delegate key may appear unsigned), so
// nothing is written unless all of them hold; then each gets its entries
// and one head signed by signer at now, and each pact of at least
// DefaultSnapshotEvery entries the snapshot its replay folded.
func WriteRecord(ctx context.Context, store logstore.Store, signer tlog.Signer, now time.Time, logs []Recorded) (int64, error) {
	order := make([]string, 0, len(logs))
	byName := map[string][]storedEntry{}
	for _, l := range logs {
		if _, dup := byName[l.Name]; dup {
			return 0, entente.Errorf(entente.EINVALID, "record: log %s given twice", l.Name)
		}
		entries := make([]storedEntry, len(l.Events))
		for i, ev := range l.Events {
			data, err := entente.EncodeEvent(ev)
			if err != nil {
				return 0, entente.Errorf(entente.EINVALID, "record: log %s event %d: %v", l.Name, i, err)
			}
			entries[i] = storedEntry{index: int64(i), data: data, leaf: tlog.LeafHash(data)}
		}
		order = append(order, l.Name)
		byName[l.Name] = entries
	}
	order = registryFirst(order)
	reg := entente.NewRegistry()
	snaps := map[string][]byte{} // of the long pacts, as Import keeps them
	for _, name := range order {
		data := make([][]byte, len(byName[name]))
		for i, e := range byName[name] {
			data[i] = e.data
		}
		var r LogReport
		var mark func(p *pactReplay, i int)
		var regMark func(g *entente.Registry, n nonceSet, i int)
		if n := len(data); n >= DefaultSnapshotEvery {
			leaves := func() []tlog.Hash {
				out := make([]tlog.Hash, n)
				for j, e := range byName[name] {
					out[j] = e.leaf
				}
				return out
			}
			mark = func(p *pactReplay, i int) {
				if i == n && p.state != nil {
					l := leaves()
					snaps[name], _ = encodeSnapshot(l, tlog.RangeOf(l), p.state, nonceList(p.nonces), p.attested, p.registry)
				}
			}
			regMark = func(g *entente.Registry, nonces nonceSet, i int) {
				if i == n {
					l := leaves()
					snaps[name], _ = encodeRegistrySnapshot(l, tlog.RangeOf(l), g.Image(), nonceList(nonces))
				}
			}
		}
		next, err := replayLog(name, data, reg, &r, mark, regMark)
		if err != nil {
			var re *replayError
			if errors.As(err, &re) {
				return 0, entente.Errorf(entente.EINVALID, "record: log %s entry %d: %s", name, re.index, re.msg)
			}
			return 0, entente.Errorf(entente.EINVALID, "record: log %s: %v", name, err)
		}
		if next != nil {
			reg = next
		}
	}
	n, err := writeLogs(ctx, store, signer, now, order, byName)
	if err == nil {
		putSnapshots(ctx, store, order, byName, snaps)
	}
	return n, err
}

// export is a parsed export.
type export struct {
	key      string
	logs     map[string][]storedEntry
	heads    map[string][]tlog.TreeHead
	order    []string
	manifest *tlog.TreeHead
	redacted map[string]int // redacted entries by log
}

// indexOf checks that an entry line comes next in its log (and the
// registry before every pact), noting a log seen for the first time.
func (x *export) indexOf(line int, l ExportLine) error {
	if _, seen := x.logs[l.Log]; !seen {
		if l.Log == entente.RegistryLog && len(x.order) > 0 {
			return entente.Errorf(entente.EINVALID, "import: line %d: the registry must come before every pact", line)
		}
		x.order = append(x.order, l.Log)
	}
	if want := int64(len(x.logs[l.Log])); l.Index != want {
		return entente.Errorf(entente.EINVALID, "import: line %d: log %s: expected index %d, got %d", line, l.Log, want, l.Index)
	}
	return nil
}

// verifier returns the key the export must verify under.
func (x *export) verifier(pin *tlog.Verifier) (tlog.Verifier, error) {
	if x.key == "" {
		return tlog.Verifier{}, entente.Errorf(entente.EINVALID, "import: line 1: expected the exporting server's key")
	}
	v, err := tlog.ParseVerifier([]byte(x.key))
	if err != nil {
		return tlog.Verifier{}, entente.Errorf(entente.EINVALID, "import: line 1: %v", err)
	}
	if pin != nil && pin.KeyID() != v.KeyID() {
		return tlog.Verifier{}, entente.Errorf(entente.EFORBIDDEN, "import: the export is signed by key %s, not the pinned key %s", v.KeyID(), pin.KeyID())
	}
	return v, nil
}

// check verifies the export's manifest and every log.
func (x *export) check(v tlog.Verifier) (map[string][]byte, error) {
	if err := x.checkManifest(v); err != nil {
		return nil, err
	}
	reg := entente.NewRegistry()
	snaps := map[string][]byte{}
	for _, name := range x.order {
		keep := len(x.logs[name]) >= DefaultSnapshotEvery
		r, next, snap := verifyLogKeep(name, x.logs[name], x.heads[name], v, reg, nil, keep)
		if !r.OK() {
			return nil, entente.Errorf(entente.EINVALID, "import: log %s entry %d: %s", name, r.Index, r.Problem)
		}
		if next != nil {
			reg = next
		}
		if snap != nil {
			snaps[name] = snap
		}
	}
	return snaps, nil
}

// checkManifest verifies the signed manifest against the logs present.
func (x *export) checkManifest(v tlog.Verifier) error {
	if x.manifest == nil {
		return entente.Errorf(entente.EINVALID, "import: the export has no manifest line: it is cut short")
	}
	leaves := map[string][]tlog.Hash{}
	for _, name := range x.order {
		for _, e := range x.logs[name] {
			leaves[name] = append(leaves[name], e.leaf)
		}
	}
	m := *x.manifest
	if err := v.Verify(m); err != nil || m.Log != manifestLog {
		return entente.Errorf(entente.EINVALID, "import: the manifest is not signed by key %s", v.KeyID())
	}
	if m.Size != uint64(len(leaves)) || m.Root != manifestRoot(leaves) {
		return entente.Errorf(entente.EINVALID, "import: the export's logs %v do not match its signed manifest of %d logs: a log, or an entry of one, is missing, renamed or changed", x.order, m.Size)
	}
	return nil
}

// readExport parses export lines, checking that each log's entries come in
// order from 0 and the registry comes first.
func readExport(r io.Reader) (*export, error) {
	x := &export{logs: map[string][]storedEntry{}, heads: map[string][]tlog.TreeHead{}, redacted: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		if x.manifest != nil {
			return nil, entente.Errorf(entente.EINVALID, "import: line %d: nothing may follow the manifest", line)
		}
		var l ExportLine
		if err := entente.StrictJSON(sc.Bytes(), &l); err != nil {
			return nil, entente.Errorf(entente.EINVALID, "import: line %d: expected a JSON object of an export: %v", line, err)
		}
		if err := x.add(line, l); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	return x, nil
}

func (x *export) add(line int, l ExportLine) error {
	switch {
	case l.Key != "":
		if line != 1 {
			return entente.Errorf(entente.EINVALID, "import: line %d: the key belongs on the first line", line)
		}
		x.key = l.Key
	case l.Manifest != nil:
		x.manifest = l.Manifest
	case l.Log == "":
		return entente.Errorf(entente.EINVALID, "import: line %d: expected key, log or manifest", line)
	case l.Head != nil:
		x.heads[l.Log] = append(x.heads[l.Log], *l.Head)
	case l.Redacted:
		if l.Leaf == nil || len(l.Event) > 0 {
			return entente.Errorf(entente.EINVALID, "import: line %d: a redacted entry has its leaf hash and no event", line)
		}
		if err := x.indexOf(line, l); err != nil {
			return err
		}
		x.logs[l.Log] = append(x.logs[l.Log], storedEntry{index: l.Index, leaf: *l.Leaf})
		x.redacted[l.Log]++
	case len(l.Event) == 0:
		return entente.Errorf(entente.EINVALID, "import: line %d: expected event or head", line)
	default:
		if err := x.indexOf(line, l); err != nil {
			return err
		}
		data := []byte(l.Event)
		x.logs[l.Log] = append(x.logs[l.Log], storedEntry{index: l.Index, data: data, leaf: tlog.LeafHash(data)})
	}
	return nil
}

// VerifyExport checks an export on its own, with the exporting server's
// key (pin, else the key it carries): its manifest covers exactly the logs
// present, every head verifies over the leaf hashes, every entry held in
// full hashes to its leaf, and every log held in full replays. A log with
// redacted entries is reported with Redacted set and not replayed.
func VerifyExport(r io.Reader, pin *tlog.Verifier) ([]LogReport, tlog.Verifier, error) {
	x, err := readExport(r)
	if err != nil {
		return nil, tlog.Verifier{}, err
	}
	v, err := x.verifier(pin)
	if err != nil {
		return nil, v, err
	}
	if err := x.checkManifest(v); err != nil {
		return nil, v, err
	}
	reg := entente.NewRegistry()
	var reports []LogReport
	for _, name := range x.order {
		rep, next := verifyLog(name, x.logs[name], x.heads[name], v, reg)
		if next != nil {
			reg = next
		}
		reports = append(reports, rep)
	}
	return reports, v, nil
}
