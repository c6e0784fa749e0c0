package http

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestHandlerPanicIsA500 — a handler that panics (as the list handlers
// did on an overflowing cursor) is answered with a 500 in JSON, not a
// connection closed with no answer; one that panics half-way through its
// answer has the connection cut (http.ErrAbortHandler), as net/http would.
func TestHandlerPanicIsA500(t *testing.T) {
	s, _ := demoServer(t)
	s.mux.HandleFunc("GET /test/panic", func(http.ResponseWriter, *http.Request) { panic("boom") })
	s.mux.HandleFunc("GET /test/panic-late", func(w http.ResponseWriter, _ *http.Request) {
		io.WriteString(w, "[")
		panic("boom")
	})
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", "/test/panic", nil))
	var e errorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || rec.Code != http.StatusInternalServerError || e.Error.Code != "internal" {
		t.Errorf("a panicking handler: %d %q (%v); want 500 with a JSON error", rec.Code, rec.Body, err)
	}
	func() {
		defer func() {
			if v := recover(); v != http.ErrAbortHandler {
				t.Errorf("a handler panicking half-way: recovered %v; want http.ErrAbortHandler", v)
			}
		}()
		s.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/test/panic-late", nil))
	}()
}
