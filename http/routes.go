package http

import (
	"context"
	"net/http"
	"strconv"

	"github.com/entente/entente"
	"github.com/entente/entente/burden"
	"github.com/entente/entente/coalition"
	"github.com/entente/entente/health"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/partner"
	"github.com/entente/entente/trust"
	"github.com/entente/entente/wire"
)

// route is one endpoint with its documentation: the OpenAPI document is
// generated from the same table (OpenAPI), so no route can go undocumented.
type route struct {
	Method  string
	Pattern string
	handler http.HandlerFunc
	doc
}

// doc documents a route: a summary, a value of the request body's type (or
// nil), the query parameters, and a value of the answer's type.
type doc struct {
	Summary  string
	Body     any
	Query    []string
	Response any
}

func (s *Server) routes() []route {
	return append(s.webhookRoutes(), []route{
		{"GET", "/healthz", s.health, doc{"Liveness check", nil, nil, map[string]string{}}},
		{"GET", "/readyz", s.ready, doc{"Readiness: 200 when the store answers, 503 with Retry-After when it does not", nil, nil, map[string]string{}}},
		{"GET", "/metrics", s.serveMetrics, doc{"Prometheus metrics: requests by route and status, latencies, signed requests by outcome, durable appends, group commits and their durations, the logs' sizes and the logs withdrawn for not verifying; to loopback clients, or with the server's metrics token (Authorization: Bearer) to any", nil, nil, ""}},
		{"GET", "/openapi.json", s.openAPI, doc{"This document", nil, nil, map[string]any{}}},
		{"GET", "/api/actors", s.listActors, doc{"List registered actors, a page at a time (by ID)", nil, pageQuery, []entente.Actor{}}},
		{"GET", "/api/actors/{actor}", s.getActor, doc{"Get an actor", nil, nil, entente.Actor{}}},
		{"GET", "/api/actors/{actor}/keys", s.actorKeys, doc{"An actor's live delegate keys, a page at a time", nil, pageQuery, []entente.DelegateKey{}}},
		{"POST", "/api/requests", s.submit, doc{"Submit a delegate's signed request (the one way to change anything): the request's exact bytes and the signatures over them", entente.Signed{}, nil, commandResult{}}},
		{"GET", "/api/pacts", s.listPacts, doc{"List pacts, a page at a time (by ID)", nil, pageQuery, []pactSummary{}}},
		{"GET", "/api/pacts/{pact}", s.getPact, doc{"A pact's state and derived structure, with the first limit items of each list and, under more, where the rest are", nil, pageQuery, pactView{}}},
		{"GET", "/api/pacts/{pact}/structure", s.getStructure, doc{"A pact's derived structure", nil, nil, entente.Structure{}}},
		{"GET", "/api/pacts/{pact}/health", s.pactHealth, doc{"Health score, components and early warnings over the last period", nil, []string{"period"}, health.Report{}}},
		{"GET", "/api/pacts/{pact}/trust", s.pactTrust, doc{"Directed trust with its evidence, and reputation (EigenTrust)", nil, []string{"period"}, trust.Result{}}},
		{"GET", "/api/pacts/{pact}/burden", s.pactBurden, doc{"Burden-sharing: contribution against capability shares, free riders, cost splits", nil, []string{"period"}, burden.Result{}}},
		{"GET", "/api/pacts/{pact}/power", s.pactPower, powerDoc},
		{"GET", "/api/pacts/{pact}/whatif", s.pactWhatIf, whatIfDoc},
		{"GET", "/api/pacts/{pact}/partners", s.pactPartners, doc{"Rank outside actors as partners against a capability objective, with each score's parts", nil, []string{"objective", "weights", "limit"}, []partner.Candidate{}}},
		{"GET", "/api/pacts/{pact}/split", s.pactSplit, doc{"Split the pact's benefit fairly from what members delivered: proportional, Shapley value, nucleolus, core", nil, []string{"benefit", "returns", "synergy"}, coalition.Split{}}},
		{"GET", "/api/pacts/{pact}/members", s.listMembers, doc{"Members and their history, a page at a time (by actor ID)", nil, pageQuery, []entente.Membership{}}},
		{"GET", "/api/pacts/{pact}/commitments", s.listCommitments, doc{"Commitments with their status, a page at a time", nil, pageQuery, []commitmentView{}}},
		{"GET", "/api/pacts/{pact}/contributions", s.listContributions, doc{"Contributions delivered, a page at a time", nil, pageQuery, []entente.Contribution{}}},
		{"GET", "/api/pacts/{pact}/objectives", s.listObjectives, doc{"Objectives and progress, a page at a time", nil, pageQuery, []entente.Objective{}}},
		{"GET", "/api/pacts/{pact}/proposals", s.listProposals, doc{"Proposals, votes and decisions, a page at a time", nil, pageQuery, []entente.Proposal{}}},
		{"GET", "/api/pacts/{pact}/proposals/{proposal}", s.getProposal, doc{"One proposal", nil, nil, entente.Proposal{}}},
		{"GET", "/api/pacts/{pact}/disputes", s.listDisputes, doc{"Disputes and their stages, a page at a time", nil, pageQuery, []entente.Dispute{}}},
		{"GET", "/api/logs", s.listLogs, doc{"Logs and their sizes, a page at a time (by name)", nil, pageQuery, []map[string]any{}}},
		{"GET", "/api/logs/{log}/entries", s.logEntries, doc{"Log entries with leaf hashes, a page of at most 1000 (and at most 4 MiB of entries' data, but one entry at least) from `from`: ask again from the index after the last", nil, []string{"from", "to", "limit"}, []entryView{}}},
		{"GET", "/api/logs/{log}/head", s.logHead, doc{"The latest signed tree head, and the heads members countersigned (witnesses)", nil, nil, headView{}}},
		{"GET", "/api/logs/{log}/proof/inclusion", s.inclusionProof, doc{"Prove an entry is in the tree of a size", nil, []string{"index", "size"}, proofView{}}},
		{"GET", "/api/logs/{log}/proof/consistency", s.consistencyProof, doc{"Prove a smaller tree is a prefix of a larger", nil, []string{"from", "to"}, proofView{}}},
		{"GET", "/api/key", s.publicKey, doc{"The server's public key for tree heads", nil, nil, wire.ServerKey{}}},
	}...)
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// ready answers 200 when the store answers, 503 with Retry-After when it
// does not: a load balancer sends no traffic to a server whose database is
// away.
func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	if _, err := s.svc.Logs(r.Context()); err != nil {
		s.writeError(w, r, entente.Errorf(entente.EUNAVAILABLE, "the store does not answer: %s", entente.ErrorMessage(err)))
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

func (s *Server) listActors(w http.ResponseWriter, r *http.Request) {
	p, err := parsePage(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	pageByKey(w, r, p, s.svc.Actors(), func(a *entente.Actor) string { return string(a.ID) })
}

func (s *Server) getActor(w http.ResponseWriter, r *http.Request) {
	a, err := s.svc.Actor(entente.ActorID(r.PathValue("actor")))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

// actorKeys lists an actor's live delegate keys.
func (s *Server) actorKeys(w http.ResponseWriter, r *http.Request) {
	p, err := parsePage(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	id := entente.ActorID(r.PathValue("actor"))
	if _, err := s.svc.Actor(id); err != nil {
		s.writeError(w, r, err)
		return
	}
	pageIndexed(s, w, r, p, s.svc.Keys(id))
}

func (s *Server) listPacts(w http.ResponseWriter, r *http.Request) {
	p, err := parsePage(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	pacts, err := s.readablePacts(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	keys := make([]string, len(pacts))
	for i, e := range pacts {
		keys[i] = string(e.ID)
	}
	from, to, next := p.byKey(keys)
	out := []pactSummary{}
	for _, e := range pacts[from:to] {
		out = append(out, wire.SummaryOf(*e))
	}
	writePage(w, r, p, out, next)
}

func (s *Server) getPact(w http.ResponseWriter, r *http.Request) {
	p, err := parsePage(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if p.cursor != "" {
		s.writeError(w, r, entente.FieldErrorf(entente.EINVALID, "cursor", "a whole pact has no pages: follow the next link of a list under more"))
		return
	}
	id := entente.PactID(r.PathValue("pact"))
	st, err := s.readablePact(r, id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	structure, err := s.svc.Structure(id)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.writePactView(w, r, p, st, structure)
}

func (s *Server) getStructure(w http.ResponseWriter, r *http.Request) {
	if _, err := s.readablePact(r, entente.PactID(r.PathValue("pact"))); err != nil {
		s.writeError(w, r, err)
		return
	}
	st, err := s.svc.Structure(entente.PactID(r.PathValue("pact")))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *Server) listMembers(w http.ResponseWriter, r *http.Request) {
	s.readPactPage(w, r, func(st *entente.PactState, p page) {
		ids := sortedMembers(st)
		keys := make([]string, len(ids))
		for i, id := range ids {
			keys[i] = string(id)
		}
		from, to, next := p.byKey(keys)
		out := []*entente.Membership{}
		for _, id := range ids[from:to] {
			out = append(out, st.Members.Get(id))
		}
		writePage(w, r, p, out, next)
	})
}

func sortedMembers(st *entente.PactState) []entente.ActorID {
	ids := make([]entente.ActorID, 0, st.Members.Len())
	for id := range st.Members.All() {
		ids = append(ids, id)
	}
	sortIDs(ids)
	return ids
}

// commitmentView adds the derived status to a commitment.
type commitmentView struct {
	*entente.Commitment
	Status entente.CommitmentStatus `json:"status"`
}

func (s *Server) listCommitments(w http.ResponseWriter, r *http.Request) {
	s.readPactPage(w, r, func(st *entente.PactState, p page) {
		from, to, next, err := p.byIndex(st.Commitments.Len())
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		out := []commitmentView{}
		for _, c := range listPart(st.Commitments, from, to) {
			out = append(out, commitmentView{c, c.Status()})
		}
		writePage(w, r, p, out, next)
	})
}

func (s *Server) listContributions(w http.ResponseWriter, r *http.Request) {
	s.readPactPage(w, r, func(st *entente.PactState, p page) { pageList(s, w, r, p, st.Contributions) })
}

func (s *Server) listObjectives(w http.ResponseWriter, r *http.Request) {
	s.readPactPage(w, r, func(st *entente.PactState, p page) { pageList(s, w, r, p, st.Objectives) })
}

func (s *Server) listProposals(w http.ResponseWriter, r *http.Request) {
	s.readPactPage(w, r, func(st *entente.PactState, p page) { pageList(s, w, r, p, st.Proposals) })
}

func (s *Server) listDisputes(w http.ResponseWriter, r *http.Request) {
	s.readPactPage(w, r, func(st *entente.PactState, p page) { pageList(s, w, r, p, st.Disputes) })
}

func (s *Server) getProposal(w http.ResponseWriter, r *http.Request) {
	st, err := s.readablePact(r, entente.PactID(r.PathValue("pact")))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	p := st.Proposal(r.PathValue("proposal"))
	if p == nil {
		s.writeError(w, r, entente.FieldErrorf(entente.ENOTFOUND, "proposal", "no proposal %q", r.PathValue("proposal")))
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func orEmpty[T any](items []T) []T {
	if items == nil {
		return []T{}
	}
	return items
}

func (s *Server) listLogs(w http.ResponseWriter, r *http.Request) {
	p, err := parsePage(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	names, err := s.svc.Logs(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	from, to, next := p.byKey(names)
	names = names[from:to]
	out := []wire.LogInfo{}
	for _, n := range names {
		size, err := s.svc.Len(n)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		out = append(out, wire.LogInfo{Log: n, Size: size})
	}
	writePage(w, r, p, out, next)
}

// maxEntriesPage bounds the entries one request returns.
const maxEntriesPage = 1000

func (s *Server) logEntries(w http.ResponseWriter, r *http.Request) {
	from, err := queryInt(r, "from", 0)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	to, err := queryInt(r, "to", -1)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	limit, err := queryInt(r, "limit", maxEntriesPage)
	if err == nil && (limit < 1 || limit > maxEntriesPage) {
		err = entente.FieldErrorf(entente.EINVALID, "limit", "expected 1 to %d, got %d", maxEntriesPage, limit)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if to < 0 || to > from+limit {
		to = from + limit // one page; the client asks for the next
	}
	log := r.PathValue("log")
	if err := s.svc.Refresh(r.Context(), log); err != nil {
		s.writeError(w, r, err)
		return
	}
	entries, err := s.entriesPage(r.Context(), log, from, to)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	canRead, err := s.entryReader(r, log)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]entryView, 0, len(entries))
	for _, e := range entries {
		ev, err := entente.DecodeEvent(e.Data)
		if err != nil {
			s.writeError(w, r, entente.Errorf(entente.EINTERNAL, "entry %d does not decode: %v", e.Index, err))
			return
		}
		v := entryView{Index: e.Index, LeafHash: e.LeafHash, Type: ev.Data.EventType(), At: ev.At}
		if canRead(ev) {
			v.Event, v.Raw = &ev, string(e.Data)
		} else {
			v.Redacted = true
		}
		out = append(out, v)
	}
	writeJSON(w, http.StatusOK, out)
}

// Bounds of an entries page's data, read a chunk at a time: an entry is
// up to entente.MaxRequestBytes, and a page of 1000 such (an amendment's
// agreement can be that large) was answered as near a gigabyte of JSON,
// built in memory for any anonymous reader, and more than a client reads.
const (
	maxEntriesBytes = 4 << 20
	entriesChunk    = 64
)

// entriesPage returns the entries [from, to) of log up to maxEntriesBytes
// of data, and at least one entry: the client asks again from the index
// after the last.
func (s *Server) entriesPage(ctx context.Context, log string, from, to int64) ([]logstore.Entry, error) {
	var out []logstore.Entry
	size := 0
	for at := from; ; {
		end := min(to, at+entriesChunk) // to < from is the service's error to name
		chunk, err := s.svc.Entries(ctx, log, at, end)
		if err != nil {
			return nil, err
		}
		for _, e := range chunk {
			if len(out) > 0 && size+len(e.Data) > maxEntriesBytes {
				return out, nil
			}
			out = append(out, e)
			size += len(e.Data)
		}
		if int64(len(chunk)) < end-at || end >= to {
			return out, nil
		}
		at = end
	}
}

func (s *Server) logHead(w http.ResponseWriter, r *http.Request) {
	log := r.PathValue("log")
	if err := s.svc.Refresh(r.Context(), log); err != nil {
		s.writeError(w, r, err)
		return
	}
	h, err := s.svc.Head(r.Context(), log)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ws := s.svc.Witnesses(log)
	writeJSON(w, http.StatusOK, headView{TreeHead: h, Witnesses: orEmpty(ws[:min(len(ws), 20)])})
}

func (s *Server) inclusionProof(w http.ResponseWriter, r *http.Request) {
	log := r.PathValue("log")
	index, err := queryInt(r, "index", -1)
	if err == nil && index < 0 {
		err = entente.FieldErrorf(entente.EINVALID, "index", "expected the index of an entry")
	}
	var size int64
	if err == nil {
		size, err = s.sizeParam(r, log, "size")
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	proof, err := s.svc.InclusionProof(log, uint64(index), uint64(size))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	root, err := s.svc.Root(log, uint64(size))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	i := uint64(index)
	writeJSON(w, http.StatusOK, proofView{Log: log, Index: &i, Size: uint64(size), Root: root, Proof: orEmpty(proof)})
}

func (s *Server) consistencyProof(w http.ResponseWriter, r *http.Request) {
	log := r.PathValue("log")
	from, err := queryInt(r, "from", -1)
	if err == nil && from < 0 {
		err = entente.FieldErrorf(entente.EINVALID, "from", "expected the older tree size")
	}
	var to int64
	if err == nil {
		to, err = s.sizeParam(r, log, "to")
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	proof, err := s.svc.ConsistencyProof(log, uint64(from), uint64(to))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	root, err := s.svc.Root(log, uint64(to))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, proofView{Log: log, From: uint64(from), To: uint64(to), Root: root, Proof: orEmpty(proof)})
}

// sizeParam reads a tree size, defaulting to the log's current size.
func (s *Server) sizeParam(r *http.Request, log, name string) (int64, error) {
	n, err := s.svc.Len(log)
	if err != nil {
		return 0, err
	}
	return queryInt(r, name, n)
}

func (s *Server) publicKey(w http.ResponseWriter, r *http.Request) {
	v := s.svc.Verifier()
	writeJSON(w, http.StatusOK, wire.ServerKey{KeyID: v.KeyID(), PublicKey: string(tlogMarshal(v))})
}

func queryInt(r *http.Request, name string, def int64) (int64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, entente.FieldErrorf(entente.EINVALID, name, "expected an integer, got %q", v)
	}
	return n, nil
}

// Routes returns "METHOD /pattern" for every route the server answers.
func Routes() []string {
	var out []string
	for _, r := range (&Server{}).routes() {
		out = append(out, r.Method+" "+r.Pattern)
	}
	return out
}
