// Package wire declares the JSON bodies of Entente's HTTP API that both
// ends read: the server (package http) writes them and the Go client
// (package client) reads them. Declared once, the two cannot drift apart;
// the adapters import this package and never each other.
package wire

import (
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/tlog"
)

// ErrorBody is the JSON form of an error: its code (entente.ErrorCode),
// the field it names, if any, and a message for people.
type ErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Field   string `json:"field,omitempty"`
		Message string `json:"message"`
	} `json:"error"`
}

// CommandResult is the answer to a signed request: the log it went to, the
// events it appended, and the pact's state or the actor's record after it.
type CommandResult struct {
	Log    string             `json:"log"`
	Events []entente.Event    `json:"events"`
	Pact   *entente.PactState `json:"pact,omitempty"`
	Actor  *entente.Actor     `json:"actor,omitempty"`
}

// PactSummary is a pact in a listing.
type PactSummary struct {
	ID        entente.PactID    `json:"id"`
	Name      string            `json:"name"`
	Kind      entente.PactKind  `json:"kind"`
	Members   []entente.ActorID `json:"members"`
	Founded   string            `json:"founded"` // a day: 2027-01-01
	Dissolved *entente.PactEnd  `json:"dissolved,omitempty"`
	Events    int64             `json:"events"`
}

// SummaryOf is a pact's index entry as a listing shows it (a state's
// entry is st.Entry()).
func SummaryOf(e entente.PactEntry) PactSummary {
	members := e.Members
	if members == nil {
		members = []entente.ActorID{} // a list, even when empty
	}
	return PactSummary{ID: e.ID, Name: e.Name, Kind: e.Kind, Members: members,
		Founded: e.Founded.Format("2006-01-02"), Dissolved: e.Dissolved, Events: e.Len}
}

// PactView is a pact's full state with its derived structure, and, for
// each of its lists cut to a page, how long it is and where its next page
// is.
type PactView struct {
	*entente.PactState
	Structure entente.Structure   `json:"structure"`
	More      map[string]ListMore `json:"more,omitempty"`
}

// ListMore is how much of a list a whole pact's answer left out: the
// list's length and the address of its next page.
type ListMore struct {
	Total int    `json:"total"`
	Next  string `json:"next"`
}

// LogInfo is a log in the listing of logs, with its size in entries.
type LogInfo struct {
	Log  string `json:"log"`
	Size int64  `json:"size"`
}

// LogEntry is a log entry with its event decoded for reading. For a reader
// not entitled to the entry, Redacted is set and only the leaf hash, type
// and time are shown: proofs still verify.
type LogEntry struct {
	Index    int64          `json:"index"`
	LeafHash tlog.Hash      `json:"leaf_hash"`
	Type     string         `json:"type"`
	At       time.Time      `json:"at"`
	Redacted bool           `json:"redacted,omitempty"`
	Event    *entente.Event `json:"event,omitempty"`
	Raw      string         `json:"raw,omitempty"`
}

// LogHead is a log's latest signed tree head and the heads its members
// countersigned (latest first).
type LogHead struct {
	tlog.TreeHead
	Witnesses []entente.Witness `json:"witnesses"`
}

// Proof is an inclusion proof (Index, Size) or a consistency proof (From,
// To) of a log.
type Proof struct {
	Log   string      `json:"log"`
	Index *uint64     `json:"index,omitempty"`
	Size  uint64      `json:"size,omitempty"`
	From  uint64      `json:"from,omitempty"`
	To    uint64      `json:"to,omitempty"`
	Root  tlog.Hash   `json:"root"`
	Proof []tlog.Hash `json:"proof"`
}

// ServerKey is the server's public key for tree heads, with its key ID.
type ServerKey struct {
	KeyID     string `json:"key_id"`
	PublicKey string `json:"public_key"`
}
