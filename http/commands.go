package http

import (
	"net/http"
	"sort"

	"github.com/entente/entente"
	"github.com/entente/entente/tlog"
)

// commandResult is the answer to a command: the events it appended and the
// object it created or changed, when there is one.
type commandResult struct {
	Events []entente.Event `json:"events"`
	Result any             `json:"result,omitempty"`
}

// run executes a command for the pact in the path and answers with its
// events; result picks the object to return from the new state.
func (s *Server) run(w http.ResponseWriter, r *http.Request, by entente.ActorID, cmd entente.Command, status int, result func(*entente.PactState) any) {
	sub, err := submission(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	st, events, err := s.svc.DoSigned(r.Context(), entente.PactID(r.PathValue("pact")), by, cmd, sub)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := commandResult{Events: events}
	if result != nil {
		out.Result = result(st)
	}
	writeJSON(w, status, out)
}

// Request bodies: the acting actor and the command's fields.
type (
	foundRequest struct {
		By entente.ActorID `json:"by"`
		entente.FoundPact
	}
	byRequest struct {
		By entente.ActorID `json:"by"`
	}
	pledgeRequest struct {
		By entente.ActorID `json:"by"`
		entente.Pledge
	}
	contributeRequest struct {
		By entente.ActorID `json:"by"`
		entente.Contribute
	}
	objectiveRequest struct {
		By entente.ActorID `json:"by"`
		entente.SetObjective
	}
	progressRequest struct {
		By    entente.ActorID `json:"by"`
		Value float64         `json:"value"`
	}
	proposeRequest struct {
		By entente.ActorID `json:"by"`
		entente.Propose
	}
	voteRequest struct {
		By     entente.ActorID `json:"by"`
		Choice entente.Choice  `json:"choice"`
	}
	disputeRequest struct {
		By entente.ActorID `json:"by"`
		entente.RaiseDispute
	}
	resolveRequest struct {
		By      entente.ActorID `json:"by"`
		Outcome string          `json:"outcome"`
	}
)

func (s *Server) foundPact(w http.ResponseWriter, r *http.Request) {
	var req foundRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	sub, err := submission(w, r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	st, events, err := s.svc.DoSigned(r.Context(), req.Pact.ID, req.By, req.FoundPact, sub)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, commandResult{Events: events, Result: st.Pact})
}

func (s *Server) requestJoin(w http.ResponseWriter, r *http.Request) {
	var req byRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.run(w, r, req.By, entente.RequestJoin{}, http.StatusAccepted, func(st *entente.PactState) any { return st.Members[req.By] })
}

func (s *Server) giveNotice(w http.ResponseWriter, r *http.Request) {
	member := entente.ActorID(r.PathValue("member"))
	s.run(w, r, member, entente.GiveNotice{}, http.StatusAccepted, func(st *entente.PactState) any { return st.Members[member] })
}

func (s *Server) pledge(w http.ResponseWriter, r *http.Request) {
	var req pledgeRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.run(w, r, req.By, req.Pledge, http.StatusCreated, func(st *entente.PactState) any { return last(st.Commitments) })
}

func (s *Server) contribute(w http.ResponseWriter, r *http.Request) {
	var req contributeRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.run(w, r, req.By, req.Contribute, http.StatusCreated, func(st *entente.PactState) any { return last(st.Contributions) })
}

func (s *Server) setObjective(w http.ResponseWriter, r *http.Request) {
	var req objectiveRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.run(w, r, req.By, req.SetObjective, http.StatusCreated, func(st *entente.PactState) any { return last(st.Objectives) })
}

func (s *Server) reportProgress(w http.ResponseWriter, r *http.Request) {
	var req progressRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	id := r.PathValue("objective")
	cmd := entente.ReportProgress{Objective: id, Value: req.Value}
	s.run(w, r, req.By, cmd, http.StatusOK, func(st *entente.PactState) any { return st.Objective(id) })
}

func (s *Server) propose(w http.ResponseWriter, r *http.Request) {
	var req proposeRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.run(w, r, req.By, req.Propose, http.StatusCreated, func(st *entente.PactState) any { return last(st.Proposals) })
}

func (s *Server) vote(w http.ResponseWriter, r *http.Request) {
	var req voteRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	id := r.PathValue("proposal")
	cmd := entente.CastVote{Proposal: id, Choice: req.Choice}
	s.run(w, r, req.By, cmd, http.StatusCreated, func(st *entente.PactState) any { return st.Proposal(id) })
}

func (s *Server) raiseDispute(w http.ResponseWriter, r *http.Request) {
	var req disputeRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	s.run(w, r, req.By, req.RaiseDispute, http.StatusCreated, func(st *entente.PactState) any { return last(st.Disputes) })
}

func (s *Server) escalate(w http.ResponseWriter, r *http.Request) {
	var req byRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	id := r.PathValue("dispute")
	s.run(w, r, req.By, entente.EscalateDispute{Dispute: id}, http.StatusOK, func(st *entente.PactState) any { return st.Dispute(id) })
}

func (s *Server) resolve(w http.ResponseWriter, r *http.Request) {
	var req resolveRequest
	if err := decode(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	id := r.PathValue("dispute")
	cmd := entente.ResolveDispute{Dispute: id, Outcome: req.Outcome}
	s.run(w, r, req.By, cmd, http.StatusOK, func(st *entente.PactState) any { return st.Dispute(id) })
}

func last[T any](items []*T) *T {
	if len(items) == 0 {
		return nil
	}
	return items[len(items)-1]
}

func sortIDs(ids []entente.ActorID) { sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] }) }

func tlogMarshal(v tlog.Verifier) []byte { return tlog.MarshalVerifier(v) }
