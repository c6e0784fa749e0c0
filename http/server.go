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
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
)

// MaxBodyBytes is the largest request body accepted.
const MaxBodyBytes = 1 << 20

// Server is the HTTP API over a ledger service.
type Server struct {
	svc    *ledger.Service
	mux    *http.ServeMux
	logger *slog.Logger
	srv    *http.Server
	ln     net.Listener
}

// NewServer returns a server for svc. logger may be nil.
func NewServer(svc *ledger.Service, logger *slog.Logger) *Server {
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Server{svc: svc, mux: http.NewServeMux(), logger: logger}
	for _, r := range s.routes() {
		s.mux.HandleFunc(r.Method+" "+r.Pattern, r.handler)
	}
	s.uiRoutes()
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, entente.Errorf(entente.ENOTFOUND, "no route %s %s; see /openapi.json", r.Method, r.URL.Path))
	})
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Listen opens addr ("localhost:8080"; port 0 picks a free one).
func (s *Server) Listen(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("http: listen on %s: %w", addr, err)
	}
	s.ln = ln
	return nil
}

// Addr returns the address the server listens on.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Serve answers requests until Shutdown.
func (s *Server) Serve() error {
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	if err := s.srv.Serve(s.ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Shutdown stops the server, letting requests in flight finish.
func (s *Server) Shutdown(ctx context.Context) error {
	if s.srv == nil {
		return nil
	}
	return s.srv.Shutdown(ctx)
}

// statusOf is the one table from error codes to HTTP statuses.
var statusOf = map[string]int{
	entente.EINVALID:   http.StatusBadRequest,
	entente.ENOTFOUND:  http.StatusNotFound,
	entente.ECONFLICT:  http.StatusConflict,
	entente.EFORBIDDEN: http.StatusForbidden,
	entente.ETOOLARGE:  http.StatusRequestEntityTooLarge,
	entente.EINTERNAL:  http.StatusInternalServerError,
}

// ErrorStatus returns the HTTP status for err.
func ErrorStatus(err error) int {
	if st, ok := statusOf[entente.ErrorCode(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// errorBody is the JSON form of an error.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Field   string `json:"field,omitempty"`
		Message string `json:"message"`
	} `json:"error"`
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
	writeJSON(w, ErrorStatus(err), body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

// decode reads a JSON body into v strictly: one object, no unknown fields,
// at most MaxBodyBytes. Errors name the field where JSON says which.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	raw, err := readBody(w, r)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err = dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("unexpected data after the JSON object")
	}
	return decodeError(err)
}

// readBody reads the request body (at most MaxBodyBytes) and leaves it in
// place for a second read: a signed request's exact bytes are kept in the
// log.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		return nil, decodeError(err)
	}
	r.Body = io.NopCloser(bytes.NewReader(raw))
	return raw, nil
}

// submission reads a member's signature from the request headers:
// Entente-Signature (base64 of the ed25519 signature of
// entente.SubmissionMessage) and Entente-Log-Size (the length of the log
// the member saw). It returns nil when the request is not signed.
func submission(w http.ResponseWriter, r *http.Request) (*entente.Submission, error) {
	sig := r.Header.Get("Entente-Signature")
	if sig == "" {
		return nil, nil
	}
	b, err := base64.StdEncoding.DecodeString(sig)
	if err != nil {
		return nil, entente.FieldErrorf(entente.EINVALID, "signature", "expected the base64 of an ed25519 signature")
	}
	size, err := strconv.ParseInt(r.Header.Get("Entente-Log-Size"), 10, 64)
	if err != nil || size < 0 {
		return nil, entente.FieldErrorf(entente.EINVALID, "log_size", "expected Entente-Log-Size, the length of the log the request was signed for")
	}
	raw, err := readBody(w, r)
	if err != nil {
		return nil, err
	}
	return &entente.Submission{Method: r.Method, Path: r.URL.Path, Size: size, Body: string(raw), Signature: b}, nil
}

func decodeError(err error) error {
	var tooLarge *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &tooLarge):
		return entente.FieldErrorf(entente.ETOOLARGE, "body", "expected at most %d bytes", tooLarge.Limit)
	case errors.As(err, &typeErr):
		return entente.FieldErrorf(entente.EINVALID, jsonPath(typeErr.Field), "expected %s, got JSON %s", typeErr.Type, typeErr.Value)
	case errors.As(err, &syntaxErr):
		return entente.FieldErrorf(entente.EINVALID, "body", "malformed JSON at byte %d: %v", syntaxErr.Offset, err)
	case errors.Is(err, io.EOF):
		return entente.FieldErrorf(entente.EINVALID, "body", "expected a JSON object, got nothing")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return entente.FieldErrorf(entente.EINVALID, field, "unknown field")
	}
	return entente.FieldErrorf(entente.EINVALID, "body", "malformed JSON: %v", err)
}

// jsonPath drops the Go names of embedded structs from a decoder's field
// path ("Pledge.amount" is "amount" to the caller, who never saw Pledge).
func jsonPath(field string) string {
	parts := strings.Split(field, ".")
	out := parts[:0]
	for _, p := range parts {
		if p != "" && !unicode.IsUpper(rune(p[0])) {
			out = append(out, p)
		}
	}
	return strings.Join(out, ".")
}
