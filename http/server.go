// Package http serves Entente's JSON API over net/http: actors, pacts and
// everything that happens in them, the verifiable logs with their signed
// tree heads and proofs, and the OpenAPI document that describes it all.
//
// Every failure is an *entente.Error, written as
// {"error":{"code":...,"field":...,"message":...}} with the status that the
// one table in this package (statusOf) gives its code.
package http

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
)

// MaxBodyBytes is the largest request body accepted.
const MaxBodyBytes = 1 << 20

// Server is the HTTP API over a ledger service.
type Server struct {
	svc     *ledger.Service
	mux     *http.ServeMux
	handler http.Handler
	logger  *slog.Logger
	cfg     Config
	limiter *rateLimit
	// unnamedHosts: with no Hosts configured, answer only to hosts a
	// rebinding page cannot have (hostAllowed), set by Listen.
	unnamedHosts bool
	// readLimiter bounds each client network's expensive reads (guard.go).
	readLimiter *rateLimit
	metrics     *metrics
	srv         *http.Server
	ln          net.Listener
	auth        *auth   // sign-in with passkeys (passkey.go)
	drafts      *drafts // requests gathering co-signatures (drafts.go)
	// reserved caches the bargainings' values read from the logs
	// (bargain.go).
	reserved *reservationCache
	hooks    *hooks      // webhook deliveries (webhooks.go)
	assessed assessCache // the pages' latest assessments (assesscache.go)
	views    viewCache   // readers' partial views of pacts (readers.go)
}

// NewServer returns a server for svc with the default Config. logger may
// be nil.
func NewServer(svc *ledger.Service, logger *slog.Logger) *Server {
	return New(svc, Config{Logger: logger})
}

// New returns a server for svc configured by cfg.
func New(svc *ledger.Service, cfg Config) *Server {
	cfg = cfg.withDefaults()
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Server{svc: svc, mux: http.NewServeMux(), logger: cfg.Logger, cfg: cfg, limiter: newRateLimit(cfg.WriteRate, cfg.WriteBurst),
		readLimiter: newRateLimit(cfg.ReadRate, cfg.ReadBurst)}
	for _, r := range s.routes() {
		s.mux.HandleFunc(r.Method+" "+r.Pattern, r.handler)
	}
	s.uiRoutes()
	var ceremonyKey []byte
	if svc != nil {
		ceremonyKey = svc.Secret("http passkey ceremony cookies v1")
	}
	s.auth = newAuth(nil, ceremonyKey)
	s.authRoutes()
	s.metrics = newMetrics(s)
	s.handler = s.identify(s.guard(http.HandlerFunc(s.route)))
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// route hands r to its route, or answers 404 or 405 in JSON.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	if _, pattern := s.mux.Handler(r); pattern == "" {
		s.notFound(w, r)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// Listen opens addr ("localhost:8080"; port 0 picks a free one). With
// no Hosts configured, the server answers on a loopback address only to
// loopback host names, and on another address only to IP addresses,
// localhost and the passkey origin's host (AnswersUnnamedOnly).
func (s *Server) Listen(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("http: listen on %s: %w", addr, err)
	}
	if ip := net.ParseIP(hostOnly(ln.Addr().String())); len(s.cfg.Hosts) == 0 && ip != nil && ip.IsLoopback() {
		s.cfg.Hosts = []string{"localhost", "127.0.0.1", "::1"}
	} else if len(s.cfg.Hosts) == 0 {
		s.unnamedHosts = true // reachable from afar, and no name known to be the server's
	}
	s.ln = &limitListener{Listener: ln, sem: make(chan struct{}, s.cfg.MaxConns)}
	// Slow bodies and idle connections are cut off; a write has a
	// minute to be answered. The server is made here, not in Serve, so
	// that Shutdown, called from another goroutine than Serve's, reads
	// what was written before Serve's goroutine started.
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: s.cfg.ReadTimeout / 3, ReadTimeout: s.cfg.ReadTimeout,
		WriteTimeout: 2 * s.cfg.ReadTimeout, IdleTimeout: s.cfg.IdleTimeout, MaxHeaderBytes: 64 << 10}
	return nil
}

// AnswersUnnamedOnly reports whether Listen left the server answering
// only to IP addresses, localhost and the passkey origin's host, for want
// of Hosts on an address reachable from other machines.
func (s *Server) AnswersUnnamedOnly() bool { return s.unnamedHosts }

// Addr returns the address the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Serve answers requests on the address Listen opened until Shutdown.
func (s *Server) Serve() error {
	if err := s.srv.Serve(s.ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Shutdown stops the server, letting requests in flight finish.
func (s *Server) Shutdown(ctx context.Context) error {
	s.stopHooks()
	if s.srv == nil {
		return nil
	}
	return s.srv.Shutdown(ctx)
}

// statusOf is the one table from error codes to HTTP statuses.
var statusOf = map[string]int{
	entente.EINVALID:     http.StatusBadRequest,
	entente.ENOTFOUND:    http.StatusNotFound,
	entente.ECONFLICT:    http.StatusConflict,
	entente.EFORBIDDEN:   http.StatusForbidden,
	entente.ETOOLARGE:    http.StatusRequestEntityTooLarge,
	entente.ETOOMANY:     http.StatusTooManyRequests,
	entente.EMETHOD:      http.StatusMethodNotAllowed,
	entente.EUNAVAILABLE: http.StatusServiceUnavailable,
	entente.EINTERNAL:    http.StatusInternalServerError,
}

// ErrorStatus returns the HTTP status for err.
func ErrorStatus(err error) int {
	if st, ok := statusOf[entente.ErrorCode(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := entente.ErrorCode(err)
	if code == entente.EINTERNAL {
		s.logger.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	var body errorBody
	body.Error.Code, body.Error.Field, body.Error.Message = code, entente.ErrorField(err), entente.ErrorMessage(err)
	var e *entente.Error
	if errors.As(err, &e) && e.Field != "" {
		body.Error.Message = e.Message // the field has its own member
	}
	var retry *retryError
	if errors.As(err, &retry) {
		w.Header().Set("Retry-After", retryAfterSeconds(retry.after))
	} else if code == entente.EUNAVAILABLE {
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, ErrorStatus(err), body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// decode reads a JSON body into v strictly (entente.StrictJSON: one
// object, no unknown, duplicate or upper-case keys), at most MaxBodyBytes.
// Errors name the field where JSON says which.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	raw, err := readBody(w, r)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return entente.FieldErrorf(entente.EINVALID, "body", "expected a JSON object, got nothing")
	}
	if err := entente.StrictJSON(raw, v); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			// The body is not empty (above): it was cut short, and
			// "got nothing" would send its sender looking elsewhere.
			return entente.FieldErrorf(entente.EINVALID, "body", "malformed JSON: the body ends (after %d bytes) before its JSON value does", len(raw))
		}
		return decodeError(err)
	}
	return nil
}

// readBody reads the request body, at most MaxBodyBytes.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		return nil, decodeError(err)
	}
	return raw, nil
}

func decodeError(err error) error {
	var tooLarge *http.MaxBytesError
	var syntaxErr *json.SyntaxError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &tooLarge):
		return entente.FieldErrorf(entente.ETOOLARGE, "body", "expected at most %d bytes", tooLarge.Limit)
	case entente.JSONFieldError(err) != nil:
		return entente.JSONFieldError(err)
	case errors.As(err, &syntaxErr):
		return entente.FieldErrorf(entente.EINVALID, "body", "malformed JSON at byte %d: %v", syntaxErr.Offset, err)
	case errors.Is(err, io.EOF):
		return entente.FieldErrorf(entente.EINVALID, "body", "expected a JSON object, got nothing")
	}
	return entente.FieldErrorf(entente.EINVALID, "body", "malformed JSON: %v", err)
}
