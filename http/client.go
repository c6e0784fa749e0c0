package http

import (
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
)

// Client reads a server's logs over its API, for monitors and auditors
// that do not run it (it implements ledger.LogSource).
type Client struct {
	// Base is the server's URL, such as "http://localhost:8080".
	Base string
	// HTTP is the client to use; nil means http.DefaultClient.
	HTTP *http.Client
	// Auth, when set, is sent as the Authorization header (a read token:
	// "Entente " and the token), so members-only entries are served.
	Auth string
}

// maxClientBody bounds what the client reads of one answer.
const maxClientBody = 256 << 20

func (c *Client) get(ctx context.Context, path string, q url.Values, v any) error {
	u := strings.TrimRight(c.Base, "/") + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
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
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxClientBody))
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		var e errorBody
		if json.Unmarshal(body, &e) == nil && e.Error.Code != "" {
			return &entente.Error{Code: e.Error.Code, Field: e.Error.Field, Message: e.Error.Message}
		}
		return fmt.Errorf("GET %s: %d %s", path, resp.StatusCode, strings.TrimSpace(string(body)))
	}
	if s, ok := v.(*[]byte); ok {
		*s = body
		return nil
	}
	return json.Unmarshal(body, v)
}

// Key returns the server's public key.
func (c *Client) Key(ctx context.Context) (tlog.Verifier, error) {
	var k struct {
		PublicKey string `json:"public_key"`
	}
	if err := c.get(ctx, "/api/key", nil, &k); err != nil {
		return tlog.Verifier{}, err
	}
	return tlog.ParseVerifier([]byte(k.PublicKey))
}

// Logs returns every log the server lists with its size.
func (c *Client) Logs(ctx context.Context) (map[string]int64, error) {
	var list []struct {
		Log  string `json:"log"`
		Size int64  `json:"size"`
	}
	if err := c.get(ctx, "/api/logs", nil, &list); err != nil {
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
	var p proofView
	q := url.Values{"from": {fmt.Sprint(from)}, "to": {fmt.Sprint(to)}}
	err := c.get(ctx, "/api/logs/"+url.PathEscape(log)+"/proof/consistency", q, &p)
	return p.Proof, err
}

// Entries returns entries [from, to) of a log, page by page: their exact
// bytes (none for an entry the reader may not read) and leaf hashes.
func (c *Client) Entries(ctx context.Context, log string, from, to int64) ([]ledger.SourcedEntry, error) {
	var out []ledger.SourcedEntry
	for from < to {
		var page []entryView
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
// them to the client's reader.
func (c *Client) Pact(ctx context.Context, id entente.PactID) (*entente.PactState, entente.Structure, error) {
	var v struct {
		entente.PactState
		Structure entente.Structure `json:"structure"`
	}
	if err := c.get(ctx, "/api/pacts/"+url.PathEscape(string(id)), nil, &v); err != nil {
		return nil, entente.Structure{}, err
	}
	return &v.PactState, v.Structure, nil
}

// PactSummary is a pact as the server lists it.
type PactSummary = pactSummary

// Pacts returns the pacts the client's reader may read, as listed.
func (c *Client) Pacts(ctx context.Context) ([]PactSummary, error) {
	var list []PactSummary
	err := c.get(ctx, "/api/pacts", nil, &list)
	return list, err
}
