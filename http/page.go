package http

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/entente/entente"
	"github.com/entente/entente/wire"
)

// Lists are answered a page at a time, so that no request's work or memory
// grows with a pact's history. A list route takes limit (1 to
// maxPageLimit items, defaultPageLimit when absent) and cursor (absent for
// the first page; otherwise exactly what the previous page handed out).
// The body stays what it always was, a JSON array; when more items follow,
// the answer carries the next page's cursor in X-Next-Cursor and its
// address in a Link header (rel="next"), as GitHub's API does. A limit out
// of range or a cursor that is not one this server made is a 400 naming
// the parameter.
//
// A whole pact (GET /api/pacts/{pact}) holds at most limit items of each
// of its lists (members, commitments, contributions, objectives,
// proposals, disputes), the first page of each; "more" says, for each
// list cut short, how many items it holds and where its next page is.
//
// Answers are written an item at a time, so that a request's memory is
// bounded by its largest item (a proposal's title, at most a request's
// MaxBodyBytes), not by the size of the answer.

const (
	// defaultPageLimit is the page size of a list when limit is absent.
	defaultPageLimit = 100
	// maxPageLimit is the largest page a client may ask for.
	maxPageLimit = 1000
)

// pageQuery is the documentation of the paging parameters.
var pageQuery = []string{"limit", "cursor"}

// page is a request's paging parameters.
type page struct {
	limit  int
	cursor string // as given
	after  string // the decoded cursor: the key of the previous page's last item
}

// cursorPrefix starts every cursor's decoded form: the version of the
// format, so that a format to come can tell old cursors apart.
const cursorPrefix = "c1:"

// parsePage reads limit and cursor.
func parsePage(r *http.Request) (page, error) {
	limit, err := queryInt(r, "limit", defaultPageLimit)
	if err != nil {
		return page{}, err
	}
	if limit < 1 || limit > maxPageLimit {
		return page{}, entente.FieldErrorf(entente.EINVALID, "limit", "expected 1 to %d items per page, got %d", maxPageLimit, limit)
	}
	p := page{limit: int(limit), cursor: r.URL.Query().Get("cursor")}
	if p.cursor == "" {
		return p, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(p.cursor)
	after, ok := strings.CutPrefix(string(raw), cursorPrefix)
	if err != nil || !ok || after == "" {
		return page{}, entente.FieldErrorf(entente.EINVALID, "cursor", "%q is not a cursor this server made: pass back the X-Next-Cursor of the previous page, or leave cursor out for the first", p.cursor)
	}
	p.after = after
	return p, nil
}

// cursorFor returns the cursor of the page after the item with key.
func cursorFor(key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + key))
}

// byIndex returns the bounds [from, to) of p's page of a list of n items
// that only ever grows at its end (commitments, contributions ...), whose
// keys are their positions, and the key of the last item when more
// follow.
func (p page) byIndex(n int) (from, to int, next string, err error) {
	if p.after != "" {
		i, perr := strconv.Atoi(p.after)
		if perr != nil || i < 0 {
			return 0, 0, "", entente.FieldErrorf(entente.EINVALID, "cursor", "%q is not a cursor of this list", p.cursor)
		}
		// Not min(i+1, n): i+1 overflows when i is the largest int.
		from = n
		if i < n {
			from = i + 1
		}
	}
	to = min(from+p.limit, n)
	if to < n {
		next = strconv.Itoa(to - 1)
	}
	return from, to, next, nil
}

// byKey returns the bounds [from, to) of p's page of a list sorted by
// strictly increasing keys (actors, pacts, members, logs by ID), and the
// key of the last item when more follow. A cursor holds the last key
// seen, so a page begins after it even if that item has gone.
func (p page) byKey(keys []string) (from, to int, next string) {
	if p.after != "" {
		from = sort.SearchStrings(keys, p.after)
		if from < len(keys) && keys[from] == p.after {
			from++
		}
	}
	to = min(from+p.limit, len(keys))
	if to < len(keys) {
		next = keys[to-1]
	}
	return from, to, next
}

// nextLink returns the address of the page after the item with key, on
// the request's own path and query.
func nextLink(r *http.Request, path string, p page, key string) string {
	q := url.Values{}
	for k, v := range r.URL.Query() {
		if k != "cursor" && k != "limit" {
			q[k] = v
		}
	}
	q.Set("limit", strconv.Itoa(p.limit))
	q.Set("cursor", cursorFor(key))
	return path + "?" + q.Encode()
}

// writePage answers a page of a list: items, as a JSON array written one
// item at a time, with the next page's cursor and Link when next (the key
// of the last item) is set.
func writePage[T any](w http.ResponseWriter, r *http.Request, p page, items []T, next string) {
	if next != "" {
		w.Header().Set("X-Next-Cursor", cursorFor(next))
		w.Header().Set("Link", "<"+nextLink(r, r.URL.Path, p, next)+`>; rel="next"`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	writeArray(w, items, "")
	io.WriteString(w, "\n")
}

// writeArray writes items as an indented JSON array, one item at a time.
// Errors are the client's going away, about which nothing can be done.
func writeArray[T any](w io.Writer, items []T, indent string) {
	if len(items) == 0 {
		io.WriteString(w, "[]")
		return
	}
	io.WriteString(w, "[\n")
	for i, it := range items {
		b, err := json.MarshalIndent(it, indent+"  ", "  ")
		if err != nil {
			b = []byte("null")
		}
		io.WriteString(w, indent+"  ")
		w.Write(b)
		if i < len(items)-1 {
			io.WriteString(w, ",")
		}
		io.WriteString(w, "\n")
	}
	io.WriteString(w, indent+"]")
}

// pageIndexed answers the page of a growing list that p asks for.
func pageIndexed[T any](s *Server, w http.ResponseWriter, r *http.Request, p page, items []T) {
	from, to, next, err := p.byIndex(len(items))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writePage(w, r, p, items[from:to], next)
}

// pageList is pageIndexed for a pact's persistent list.
func pageList[T any](s *Server, w http.ResponseWriter, r *http.Request, p page, items entente.List[T]) {
	from, to, next, err := p.byIndex(items.Len())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writePage(w, r, p, listPart(items, from, to), next)
}

// readPactPage answers a GET with a page of one of a pact's lists: the
// paging parameters are checked first, then the reader's right to the
// pact.
func (s *Server) readPactPage(w http.ResponseWriter, r *http.Request, list func(st *entente.PactState, p page)) {
	p, err := parsePage(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	st, err := s.readablePact(r, entente.PactID(r.PathValue("pact")))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	list(st, p)
}

// pageByKey answers the page of a list sorted by keys that p asks for.
func pageByKey[T any](w http.ResponseWriter, r *http.Request, p page, items []T, key func(T) string) {
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = key(it)
	}
	from, to, next := p.byKey(keys)
	writePage(w, r, p, items[from:to], next)
}

// pactLists are the keys of a pact's JSON that hold lists, paged in a
// whole pact's answer, with the route of each list.
var pactLists = []string{"commitments", "contributions", "disputes", "members", "objectives", "proposals"}

// writePactView answers a whole pact (see above): its state with the
// first page of each list, its structure, and what was left out. The
// state's other fields are encoded as they always were.
func (s *Server) writePactView(w http.ResponseWriter, r *http.Request, p page, st *entente.PactState, structure entente.Structure) {
	base := *st // shallow: the lists are left out of it and written below
	base.Members = entente.ActorMap[*entente.Membership]{}
	base.Commitments, base.Contributions = entente.List[*entente.Commitment]{}, entente.List[*entente.Contribution]{}
	base.Objectives, base.Proposals, base.Disputes = entente.List[*entente.Objective]{}, entente.List[*entente.Proposal]{}, entente.List[*entente.Dispute]{}
	raw, err := json.Marshal(pactView{PactState: &base, Structure: structure})
	var fields map[string]json.RawMessage
	if err == nil {
		err = json.Unmarshal(raw, &fields)
	}
	if err != nil {
		s.writeError(w, r, entente.Errorf(entente.EINTERNAL, "encoding pact %s: %v", st.Pact.ID, err))
		return
	}
	memberIDs := sortedMembers(st)
	keys := make([]string, len(memberIDs))
	for i, id := range memberIDs {
		keys[i] = string(id)
	}
	more := map[string]wire.ListMore{}
	path := "/api/pacts/" + url.PathEscape(string(st.Pact.ID)) + "/"
	note := func(list string, total int, next string) {
		if next != "" {
			more[list] = wire.ListMore{Total: total, Next: nextLink(r, path+list, p, next)}
		}
	}
	mFrom, mTo, mNext := p.byKey(keys)
	note("members", len(keys), mNext)
	bounds := map[string][2]int{}
	for _, l := range []struct {
		name string
		n    int
	}{{"commitments", st.Commitments.Len()}, {"contributions", st.Contributions.Len()}, {"objectives", st.Objectives.Len()},
		{"proposals", st.Proposals.Len()}, {"disputes", st.Disputes.Len()}} {
		first := page{limit: p.limit}
		from, to, next, _ := first.byIndex(l.n)
		bounds[l.name] = [2]int{from, to}
		note(l.name, l.n, next)
	}
	names := make([]string, 0, len(fields)+len(pactLists)+1)
	for k := range fields {
		if !slices.Contains(pactLists, k) {
			names = append(names, k)
		}
	}
	names = append(names, pactLists...)
	if len(more) > 0 {
		names = append(names, "more")
	}
	sort.Strings(names)

	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, "{\n")
	for i, k := range names {
		key, _ := json.Marshal(k)
		io.WriteString(w, "  ")
		w.Write(key)
		io.WriteString(w, ": ")
		switch k {
		case "members":
			writeMembers(w, st, memberIDs[mFrom:mTo])
		case "commitments":
			writeArray(w, listPart(st.Commitments, bounds[k][0], bounds[k][1]), "  ")
		case "contributions":
			writeArray(w, listPart(st.Contributions, bounds[k][0], bounds[k][1]), "  ")
		case "objectives":
			writeArray(w, listPart(st.Objectives, bounds[k][0], bounds[k][1]), "  ")
		case "proposals":
			writeArray(w, listPart(st.Proposals, bounds[k][0], bounds[k][1]), "  ")
		case "disputes":
			writeArray(w, listPart(st.Disputes, bounds[k][0], bounds[k][1]), "  ")
		case "more":
			b, _ := json.MarshalIndent(more, "  ", "  ")
			w.Write(b)
		default:
			var b bytes.Buffer
			if json.Indent(&b, fields[k], "  ", "  ") != nil {
				b.Reset()
				b.Write(fields[k])
			}
			w.Write(b.Bytes())
		}
		if i < len(names)-1 {
			io.WriteString(w, ",")
		}
		io.WriteString(w, "\n")
	}
	io.WriteString(w, "}\n")
}

// writeMembers writes the members with ids as a JSON object keyed by ID,
// as a pact's state encodes them, one member at a time.
func writeMembers(w io.Writer, st *entente.PactState, ids []entente.ActorID) {
	if len(ids) == 0 {
		io.WriteString(w, "{}")
		return
	}
	io.WriteString(w, "{\n")
	for i, id := range ids {
		key, _ := json.Marshal(id)
		b, err := json.MarshalIndent(st.Members.Get(id), "    ", "  ")
		if err != nil {
			b = []byte("null")
		}
		io.WriteString(w, "    ")
		w.Write(key)
		io.WriteString(w, ": ")
		w.Write(b)
		if i < len(ids)-1 {
			io.WriteString(w, ",")
		}
		io.WriteString(w, "\n")
	}
	io.WriteString(w, "  }")
}

// listPart returns items [from, to) of a list, for one page of it.
func listPart[T any](l entente.List[T], from, to int) []T {
	out := make([]T, 0, to-from)
	for i := from; i < to; i++ {
		out = append(out, l.At(i))
	}
	return out
}
