package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/entente/entente"
)

// proxy forwards TCP connections from a loopback port to the test server,
// and can be cut off and restored, which to a store looks like the database
// going away and coming back.
type proxy struct {
	target string
	addr   string

	mu    sync.Mutex
	ln    net.Listener
	conns map[net.Conn]bool
}

// newProxy starts a proxy to the host and port of rawURL and returns it
// with rawURL rewritten to go through it. It stops when the test ends.
func newProxy(t *testing.T, rawURL string) (*proxy, string) {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{target: u.Host, conns: make(map[net.Conn]bool)}
	p.up(t, "127.0.0.1:0")
	t.Cleanup(p.down)
	u.Host = p.addr
	return p, u.String()
}

// up starts accepting on addr.
func (p *proxy) up(t *testing.T, addr string) {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("proxy: %v", err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.forward(c)
		}
	}()
}

// forward copies between c and a new connection to the target.
func (p *proxy) forward(c net.Conn) {
	s, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns[c], p.conns[s] = true, true
	p.mu.Unlock()
	go func() { _, _ = io.Copy(s, c); s.Close() }()
	_, _ = io.Copy(c, s)
	c.Close()
}

// down closes the listener and every forwarded connection.
func (p *proxy) down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
	}
	for c := range p.conns {
		c.Close()
	}
	clear(p.conns)
}

// TestUnavailable cuts the store off from its database: every call must
// fail with ECodeUnavailable (the 503 of the HTTP layer), not hang and not
// look like a bad request, and once the database is back the same store
// must work again without being reopened.
func TestUnavailable(t *testing.T) {
	p, u := newProxy(t, schemaURL(t, t.Name()))
	db := mustOpen(t, withParam(t, u, "connect_timeout", "2"))
	defer db.Close()
	n := appendOne(t, db, "pact", 0)

	p.down()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	calls := map[string]func() error{
		"Append": func() error { _, err := tryAppend(ctx, db, "pact", n); return err },
		"Len":    func() error { _, err := db.Len(ctx, "pact"); return err },
		"Logs":   func() error { _, err := db.Logs(ctx); return err },
		"Heads":  func() error { _, err := db.Heads(ctx, "pact"); return err },
		"Entries": func() error {
			_, err := db.Entries(ctx, "pact", 0, -1)
			return err
		},
		"Ping": func() error { return db.Ping(ctx) },
	}
	for name, call := range calls {
		err := call()
		if code := entente.ErrorCode(err); code != ECodeUnavailable {
			t.Errorf("%s with the database away: code %q, want %q (error %v)", name, code, ECodeUnavailable, err)
		}
	}
	if err := ctx.Err(); err != nil {
		t.Fatalf("the calls took too long: %v", err)
	}

	p.up(t, p.addr)
	var err error
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if n, err = tryAppend(t.Context(), db, "pact", n); err == nil {
			break
		}
	}
	if err != nil {
		t.Fatalf("the store did not recover once the database was back: %v", err)
	}
	if got, err := db.Len(t.Context(), "pact"); got != n || err != nil {
		t.Errorf("Len = %d, %v; want %d", got, err, n)
	}
}

// TestClassify checks which errors count as the database being unavailable.
func TestClassify(t *testing.T) {
	ctx := context.Background()
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		err  error
		code string
	}{
		{"admin shutdown", ctx, &pgconn.PgError{Code: "57P01"}, ECodeUnavailable},
		{"cannot connect now", ctx, &pgconn.PgError{Code: "57P03"}, ECodeUnavailable},
		{"connection failure class", ctx, &pgconn.PgError{Code: "08006"}, ECodeUnavailable},
		{"disk full", ctx, &pgconn.PgError{Code: "53100"}, ECodeUnavailable},
		{"too many connections", ctx, &pgconn.PgError{Code: "53300"}, ECodeUnavailable},
		{"read-only standby", ctx, &pgconn.PgError{Code: "25006"}, ECodeUnavailable},
		{"unique violation", ctx, &pgconn.PgError{Code: "23505"}, entente.EINTERNAL},
		{"syntax error", ctx, &pgconn.PgError{Code: "42601"}, entente.EINTERNAL},
		{"connection refused", ctx, fmt.Errorf("dial: %w", syscall.ECONNREFUSED), ECodeUnavailable},
		{"connection reset", ctx, fmt.Errorf("read: %w", syscall.ECONNRESET), ECodeUnavailable},
		{"unexpected EOF", ctx, fmt.Errorf("read: %w", io.ErrUnexpectedEOF), ECodeUnavailable},
		{"other error", ctx, errors.New("something else"), entente.EINTERNAL},
		{"canceled", canceled, errors.New("the driver's words"), entente.EINTERNAL},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := classify(tc.ctx, tc.err)
			if code := entente.ErrorCode(err); code != tc.code {
				t.Errorf("code %q, want %q (error %v)", code, tc.code, err)
			}
			if !errors.Is(err, tc.err) {
				t.Errorf("error %v lost the original %v", err, tc.err)
			}
			if tc.ctx.Err() != nil && !errors.Is(err, tc.ctx.Err()) {
				t.Errorf("error %v does not wrap the context's %v", err, tc.ctx.Err())
			}
		})
	}
}

// TestListenReconnects cuts a listener off from the database: once it is
// back, the listener must reconnect by itself, ask for a resync that says
// why, and hear appends again.
func TestListenReconnects(t *testing.T) {
	base := schemaURL(t, t.Name())
	p, u := newProxy(t, base)
	listener := mustOpen(t, u)
	defer listener.Close()
	writer := mustOpen(t, base)
	defer writer.Close()
	got := listen(t, listener)
	if a := next(t, got); !a.Resync() || a.Err != nil {
		t.Fatalf("first message %+v, want a resync with no error", a)
	}
	p.down()
	n := appendOne(t, writer, "pact", 0) // announced to no one
	p.up(t, p.addr)
	if a := next(t, got); !a.Resync() || a.Err == nil {
		t.Fatalf("message after the cut %+v, want a resync with the error", a)
	} else if code := entente.ErrorCode(a.Err); code != ECodeUnavailable {
		t.Errorf("resync error %v has code %q, want %q", a.Err, code, ECodeUnavailable)
	}
	appendOne(t, writer, "pact", n)
	if a := next(t, got); a.Log != "pact" || a.Size != 2 {
		t.Errorf("message %+v, want pact at size 2", a)
	}
}
