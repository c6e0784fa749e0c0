package http

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/ledger"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus metrics, in a registry of its own
// (so that two servers in one process, as in tests, do not collide),
// served at GET /metrics.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	submits  *prometheus.CounterVec
}

func newMetrics(s *Server) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "entente_http_requests_total", Help: "HTTP requests answered, by route pattern, method and status.",
	}, []string{"route", "method", "code"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "entente_http_request_duration_seconds", Help: "Time to answer a request, by route pattern and method.",
		Buckets: prometheus.ExponentialBuckets(0.0005, 2.5, 12),
	}, []string{"route", "method"})
	m.submits = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "entente_signed_requests_total", Help: "Signed requests submitted, by outcome: accepted, or the error code that refused them.",
	}, []string{"outcome"})
	evicted := prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "entente_states_evicted_total", Help: "Pact states dropped from memory under serve --max-states.",
	}, func() float64 { n, _ := s.svc.EvictionStats(); return float64(n) })
	reloaded := prometheus.NewCounterFunc(prometheus.CounterOpts{
		Name: "entente_states_reloaded_total", Help: "Evicted pact states loaded back from their snapshots and logs.",
	}, func() float64 { _, n := s.svc.EvictionStats(); return float64(n) })
	m.reg.MustRegister(m.requests, m.latency, m.submits, newLedgerCollector(s.svc), evicted, reloaded,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// ledgerCollector exposes the service's own metrics (see
// ledger.Metrics), read once per scrape so that the figures of one scrape
// agree with one another.
type ledgerCollector struct {
	svc                                      *ledger.Service
	appends, batches, failed, phases, commit *prometheus.Desc
	logs, entries, largest, broken, failures *prometheus.Desc
}

func newLedgerCollector(svc *ledger.Service) *ledgerCollector {
	desc := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc(name, help, labels, nil)
	}
	return &ledgerCollector{svc: svc,
		appends: desc("entente_appends_total", "Commands' appends made durable (each is answered only then)."),
		batches: desc("entente_store_transactions_total", "Store transactions (group commits) made for commands: appends_total over this is the mean batch."),
		failed:  desc("entente_store_transaction_failures_total", "Store transactions that failed as a whole (the database away): their commands were answered with the store's error."),
		phases:  desc("entente_commit_phase_seconds_total", "The committer's time by phase: gathering commands into a batch, signing its tree heads, storing it.", "phase"),
		commit:  desc("entente_store_transaction_duration_seconds", "Time from handing a group commit to the store to its answer: the fsync or WAL flush every acknowledged write waits for."),
		logs:    desc("entente_logs", "Logs the server keeps: the registry and one per pact."),
		entries: desc("entente_log_entries", "Entries of all the logs readers see: the leaves of the Merkle trees the server signs heads of."),
		largest: desc("entente_log_entries_max", "Entries of the longest log."),
		broken:  desc("entente_logs_broken", "Logs withdrawn from readers now because they did not load or verify."),
		failures: desc("entente_log_check_failures_total",
			"Logs withdrawn because they did not load or verify (a leaf hash, a head's signature, an event that does not replay), since the server started."),
	}
}

// Describe sends the descriptions of the metrics Collect sends.
func (c *ledgerCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.appends, c.batches, c.failed, c.phases, c.commit, c.logs, c.entries, c.largest, c.broken, c.failures} {
		ch <- d
	}
}

// Collect reads the service's metrics once and sends them.
func (c *ledgerCollector) Collect(ch chan<- prometheus.Metric) {
	if c.svc == nil {
		return // a server without a ledger (tests)
	}
	m := c.svc.Metrics()
	counter := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v, labels...)
	}
	gauge := func(d *prometheus.Desc, v float64) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v)
	}
	counter(c.appends, float64(m.Appends))
	counter(c.batches, float64(m.Batches))
	counter(c.failed, float64(m.FailedBatches))
	counter(c.phases, m.Phases.Gathering.Seconds(), "gathering")
	counter(c.phases, m.Phases.Signing.Seconds(), "signing")
	counter(c.phases, m.Phases.Storing.Seconds(), "storing")
	buckets := make(map[float64]uint64, len(m.Commits.Bounds))
	for i, b := range m.Commits.Bounds {
		buckets[b.Seconds()] = m.Commits.Counts[i]
	}
	ch <- prometheus.MustNewConstHistogram(c.commit, m.Commits.Count, m.Commits.Sum.Seconds(), buckets)
	gauge(c.logs, float64(m.Logs))
	gauge(c.entries, float64(m.Entries))
	gauge(c.largest, float64(m.Largest))
	gauge(c.broken, float64(m.Broken))
	counter(c.failures, float64(m.Failures))
}

// observe records one answered request under its route pattern (never
// the raw path, so that the label set stays bounded).
func (m *metrics) observe(r *http.Request, route string, code int, took time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	method := methodLabel(r.Method)
	m.requests.WithLabelValues(route, method, strconv.Itoa(code)).Inc()
	m.latency.WithLabelValues(route, method).Observe(took.Seconds())
}

// methodLabel bounds the method label as observe bounds the route: a
// client may send any token of up to the header limit as a method, and
// each would otherwise be a series kept for as long as the server runs.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return m
	}
	return "other"
}

// serveMetrics is GET /metrics, to the clients metricsAllowed lets in.
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	if err := s.metricsAllowed(r); err != nil {
		if s.cfg.MetricsToken != "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
		}
		s.writeError(w, r, err)
		return
	}
	promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{}).ServeHTTP(w, r)
}

// metricsAllowed lets in, when Config.MetricsToken is set, a request that
// bears it (Authorization: Bearer, compared in constant time), and
// otherwise only a loopback client (the client identify finds, not a
// trusted proxy on loopback forwarding another's request): the metrics tell anyone the routes
// used, the error rates, the process's memory and file descriptors, and
// when to attack.
func (s *Server) metricsAllowed(r *http.Request) error {
	if s.cfg.MetricsToken == "" {
		if a, err := netip.ParseAddr(s.clientOf(r).addr); err == nil && a.Unmap().IsLoopback() {
			return nil
		}
		return entente.FieldErrorf(entente.EFORBIDDEN, "authorization",
			"/metrics answers loopback clients only, unless the server has a metrics token (entente serve --metrics-token) to send as Authorization: Bearer")
	}
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	// Hashed first, so that the comparison takes as long whatever the
	// length of what was sent.
	got, want := sha256.Sum256([]byte(strings.TrimSpace(token))), sha256.Sum256([]byte(s.cfg.MetricsToken))
	if !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
		return entente.FieldErrorf(entente.EFORBIDDEN, "authorization", "/metrics needs Authorization: Bearer with the server's metrics token")
	}
	return nil
}
