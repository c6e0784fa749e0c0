// Package client is the client side of Entente, what runs on a delegate's
// machine: the Client of a server's JSON API (it sends signed requests and
// reads pacts, logs, heads and proofs, with the server's errors read back
// into the codes of package entente), the delegate's key file, the signed
// requests and read tokens made with it, and a monitor's state file.
//
// It is to Entente's API what package http is to the server, and imports
// nothing of it: the OpenAPI document (/openapi.json) is the contract.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/entente/entente/tlog"
	"github.com/entente/entente/wire"
)

// Client talks to a server over its API: it submits signed requests and
// reads what a delegate, monitor or auditor reads (it implements
// ledger.LogSource).
type Client struct {
	// Base is the server's URL, such as "http://localhost:8080".
	Base string
	// HTTP is the client to use; nil means http.DefaultClient.
	HTTP *http.Client
	// Auth, when set, is sent as the Authorization header (a read token:
	// "Entente " and the token), so members-only entries are served.
	Auth string
	// PageLimit is how many items the client asks for per page of a list;
	// 0 means the most a server serves (1000).
	PageLimit int
}

// pageLimit returns the page size to ask for.
func (c *Client) pageLimit() string {
	if c.PageLimit > 0 {
		return fmt.Sprint(c.PageLimit)
	}
	return fmt.Sprint(maxPageLimit)
}

// maxClientBody bounds what the client reads of one answer.
const maxClientBody = 256 << 20

// maxPageLimit is the largest page a server serves (http's limit).
const maxPageLimit = 1000

// pactLists are the keys of a whole pact's answer that hold paged lists.
var pactLists = []string{"commitments", "contributions", "disputes", "members", "objectives", "proposals"}

func (c *Client) get(ctx context.Context, path string, q url.Values, v any) error {
	_, err := c.getPage(ctx, path, q, v)
	return err
}

// getPage is get that also returns the cursor of the next page of a list
// ("" on the last page). path may carry a query of its own (a next link).
func (c *Client) getPage(ctx context.Context, path string, q url.Values, v any) (string, error) {
	u := strings.TrimRight(c.Base, "/") + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	var next string
	err := c.do(ctx, http.MethodGet, u, nil, http.StatusOK, v, &next)
	return next, err
}

// getAll reads every page of a list into items.
func getAll[T any](ctx context.Context, c *Client, path string) ([]T, error) {
	var all []T
	q := url.Values{"limit": {c.pageLimit()}}
	for {
		var items []T
		next, err := c.getPage(ctx, path, q, &items)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		if next == "" {
			return all, nil
		}
		if err := advances(path, q.Get("cursor"), next, len(items)); err != nil {
			return nil, err
		}
		q.Set("cursor", next)
	}
}

// advances refuses a next page that cannot move a list on: a page with no
// items, or a cursor that names the page just read. A server does neither
// (its pages hold at least one item each, and each cursor names the last),
// so one that does would otherwise hold the client in the loop for ever.
func advances(path, cursor, next string, items int) error {
	if items == 0 || next == cursor {
		return entente.FieldErrorf(entente.EINVALID, "server", "%s: the server's page of %d items names as next the cursor %q, which does not move on from %q", path, items, next, cursor)
	}
	return nil
}

// do sends a request and reads the answer into v (the raw bytes when v is
// a *[]byte); an answer other than want is read as the server's error.
// When next is not nil it receives the answer's next-page cursor.
func (c *Client) do(ctx context.Context, method, u string, body []byte, want int, v any, next *string) error {
	req, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
	if err != nil {
		return entente.FieldErrorf(entente.EINVALID, "server", "%v", err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.Auth != "" {
		req.Header.Set("Authorization", c.Auth)
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, u, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxClientBody))
	if err != nil {
		return err
	}
	if resp.StatusCode != want {
		return answerError(method, u, resp.StatusCode, data)
	}
	if next != nil {
		*next = resp.Header.Get("X-Next-Cursor")
	}
	if s, ok := v.(*[]byte); ok {
		*s = data
		return nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s %s answered %d with %q: %w", method, u, resp.StatusCode, data, err)
	}
	return nil
}

// answerError reads a server's JSON error into an *entente.Error, with
// its code, field and message; anything else is an error naming the
// status.
func answerError(method, u string, status int, body []byte) error {
	var e wire.ErrorBody
	if json.Unmarshal(body, &e) == nil && e.Error.Code != "" {
		return &entente.Error{Code: e.Error.Code, Field: e.Error.Field, Message: e.Error.Message}
	}
	return fmt.Errorf("%s %s: the server answered %d: %s", method, u, status, strings.TrimSpace(string(body)))
}

// Submitted is the server's answer to a signed request: the log it went
// to, the events it caused and the pact's state or actor's record after.
type Submitted = wire.CommandResult

// Submit sends a signed request to the server's write route.
func (c *Client) Submit(ctx context.Context, sig *entente.Signed) (*Submitted, error) {
	body, err := json.Marshal(sig)
	if err != nil {
		return nil, err
	}
	var out Submitted
	err = c.do(ctx, http.MethodPost, strings.TrimRight(c.Base, "/")+"/api/requests", body, http.StatusCreated, &out, nil)
	return &out, err
}

// Key returns the server's public key.
func (c *Client) Key(ctx context.Context) (tlog.Verifier, error) {
	var k wire.ServerKey
	if err := c.get(ctx, "/api/key", nil, &k); err != nil {
		return tlog.Verifier{}, err
	}
	return tlog.ParseVerifier([]byte(k.PublicKey))
}

// Logs returns every log the server lists with its size.
func (c *Client) Logs(ctx context.Context) (map[string]int64, error) {
	list, err := getAll[wire.LogInfo](ctx, c, "/api/logs")
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(list))
	for _, l := range list {
		out[l.Log] = l.Size
	}
	return out, nil
}

// Head returns a log's latest signed tree head.
func (c *Client) Head(ctx context.Context, log string) (tlog.TreeHead, error) {
	var h tlog.TreeHead
	err := c.get(ctx, "/api/logs/"+url.PathEscape(log)+"/head", nil, &h)
	return h, err
}

// Consistency returns the proof that the tree of size from is a prefix of
// the tree of size to.
func (c *Client) Consistency(ctx context.Context, log string, from, to uint64) ([]tlog.Hash, error) {
	var p wire.Proof
	q := url.Values{"from": {fmt.Sprint(from)}, "to": {fmt.Sprint(to)}}
	err := c.get(ctx, "/api/logs/"+url.PathEscape(log)+"/proof/consistency", q, &p)
	return p.Proof, err
}

// Entries returns entries [from, to) of a log, page by page: their exact
// bytes (none for an entry the reader may not read) and leaf hashes.
func (c *Client) Entries(ctx context.Context, log string, from, to int64) ([]ledger.SourcedEntry, error) {
	var out []ledger.SourcedEntry
	for from < to {
		var page []wire.LogEntry
		q := url.Values{"from": {fmt.Sprint(from)}, "to": {fmt.Sprint(to)}}
		if err := c.get(ctx, "/api/logs/"+url.PathEscape(log)+"/entries", q, &page); err != nil {
			return nil, err
		}
		if len(page) == 0 {
			return nil, entente.Errorf(entente.EINVALID, "log %s: the server served no entry from %d", log, from)
		}
		for _, e := range page {
			se := ledger.SourcedEntry{Leaf: e.LeafHash}
			if !e.Redacted {
				se.Data = []byte(e.Raw)
			}
			out = append(out, se)
		}
		from += int64(len(page))
	}
	return out, nil
}

// Pact returns a pact's state and derived structure, as the server shows
// them to the client's reader: the whole pact, with the pages of each of
// its lists that the first answer left out (see page.go).
func (c *Client) Pact(ctx context.Context, id entente.PactID) (*entente.PactState, entente.Structure, error) {
	var v wire.PactView
	q := url.Values{"limit": {c.pageLimit()}}
	if err := c.get(ctx, "/api/pacts/"+url.PathEscape(string(id)), q, &v); err != nil {
		return nil, entente.Structure{}, err
	}
	if v.PactState == nil {
		return nil, entente.Structure{}, entente.Errorf(entente.EINVALID, "pact %s: the server answered without a state", id)
	}
	st := v.PactState
	for _, list := range pactLists {
		more, ok := v.More[list]
		if !ok {
			continue
		}
		var err error
		switch list {
		case "members":
			err = rest(ctx, c, more.Next, func(m *entente.Membership) { st.Members = st.Members.Set(m.Member, m) })
		case "commitments":
			err = rest(ctx, c, more.Next, func(x *entente.Commitment) { st.Commitments = st.Commitments.Append(x) })
		case "contributions":
			err = rest(ctx, c, more.Next, func(x *entente.Contribution) { st.Contributions = st.Contributions.Append(x) })
		case "objectives":
			err = rest(ctx, c, more.Next, func(x *entente.Objective) { st.Objectives = st.Objectives.Append(x) })
		case "proposals":
			err = rest(ctx, c, more.Next, func(x *entente.Proposal) { st.Proposals = st.Proposals.Append(x) })
		case "disputes":
			err = rest(ctx, c, more.Next, func(x *entente.Dispute) { st.Disputes = st.Disputes.Append(x) })
		}
		if err != nil {
			return nil, entente.Structure{}, err
		}
	}
	return st, v.Structure, nil
}

// rest reads the pages of a list from next, a next link, on, handing each
// item to add.
func rest[T any](ctx context.Context, c *Client, next string, add func(*T)) error {
	for next != "" {
		var items []*T
		cursor, err := c.getPage(ctx, next, nil, &items)
		if err != nil {
			return err
		}
		for _, it := range items {
			add(it)
		}
		if cursor == "" {
			return nil
		}
		u, err := url.Parse(next)
		if err != nil {
			return err
		}
		q := u.Query()
		if err := advances(u.Path, q.Get("cursor"), cursor, len(items)); err != nil {
			return err
		}
		q.Set("cursor", cursor)
		next = u.Path + "?" + q.Encode()
	}
	return nil
}

// PactSummary is a pact as the server lists it.
type PactSummary = wire.PactSummary

// Pacts returns the pacts the client's reader may read, as listed.
func (c *Client) Pacts(ctx context.Context) ([]PactSummary, error) {
	return getAll[PactSummary](ctx, c, "/api/pacts")
}

// Actors returns every registered actor, as the server lists them (by
// ID), following every page.
func (c *Client) Actors(ctx context.Context) ([]*entente.Actor, error) {
	return getAll[*entente.Actor](ctx, c, "/api/actors")
}

// Actor returns one registered actor.
func (c *Client) Actor(ctx context.Context, id entente.ActorID) (*entente.Actor, error) {
	var a entente.Actor
	if err := c.get(ctx, "/api/actors/"+url.PathEscape(string(id)), nil, &a); err != nil {
		return nil, err
	}
	return &a, nil
}
