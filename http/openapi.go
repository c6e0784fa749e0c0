package http

import (
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/burden"
	"github.com/entente/entente/coalition"
	"github.com/entente/entente/health"
	"github.com/entente/entente/partner"
	"github.com/entente/entente/tlog"
	"github.com/entente/entente/trust"
)

// operation documents one endpoint in the OpenAPI document. The list is
// written by hand, apart from the routes, so that a test comparing the two
// catches a route added without documentation or documentation left behind.
type operation struct {
	Method, Path, Summary string
	Body                  any // a value of the request body's type, or nil
	Query                 []string
	Response              any
}

var operations = []operation{
	{"GET", "/healthz", "Liveness check", nil, nil, map[string]string{}},
	{"GET", "/metrics", "Prometheus metrics: requests by route and status, latencies, signed requests by outcome, logs kept", nil, nil, ""},
	{"GET", "/readyz", "Readiness: 200 when the store answers, 503 with Retry-After when it does not", nil, nil, map[string]string{}},
	{"GET", "/openapi.json", "This document", nil, nil, map[string]any{}},
	{"GET", "/api/actors", "List registered actors", nil, nil, []entente.Actor{}},
	{"GET", "/api/actors/{actor}/keys", "An actor's live delegate keys", nil, nil, []entente.DelegateKey{}},
	{"POST", "/api/requests", "Submit a delegate's signed request (the one way to change anything): the request's exact bytes and the signatures over them", entente.Signed{}, nil, commandResult{}},
	{"GET", "/api/actors/{actor}", "Get an actor", nil, nil, entente.Actor{}},
	{"GET", "/api/pacts", "List pacts", nil, nil, []pactSummary{}},
	{"GET", "/api/pacts/{pact}", "A pact's state and derived structure", nil, nil, pactView{}},
	{"GET", "/api/pacts/{pact}/structure", "A pact's derived structure", nil, nil, entente.Structure{}},
	{"GET", "/api/pacts/{pact}/health", "Health score, components and early warnings over the last period", nil, []string{"period"}, health.Report{}},
	{"GET", "/api/pacts/{pact}/trust", "Directed trust with its evidence, and reputation (EigenTrust)", nil, []string{"period"}, trust.Result{}},
	{"GET", "/api/pacts/{pact}/burden", "Burden-sharing: contribution against capability shares, free riders, cost splits", nil, []string{"period"}, burden.Result{}},
	powerOperation,
	{"GET", "/api/pacts/{pact}/split", "Split the pact's benefit fairly from what members delivered: proportional, Shapley value, nucleolus, core", nil, []string{"benefit", "returns", "synergy"}, coalition.Split{}},
	{"GET", "/api/pacts/{pact}/partners", "Rank outside actors as partners against a capability objective, with each score's parts", nil, []string{"objective", "weights", "limit"}, []partner.Candidate{}},
	{"GET", "/api/pacts/{pact}/members", "Members and their history", nil, nil, []entente.Membership{}},
	{"GET", "/api/pacts/{pact}/commitments", "Commitments with their status", nil, nil, []commitmentView{}},
	{"GET", "/api/pacts/{pact}/contributions", "Contributions delivered", nil, nil, []entente.Contribution{}},
	{"GET", "/api/pacts/{pact}/objectives", "Objectives and progress", nil, nil, []entente.Objective{}},
	{"GET", "/api/pacts/{pact}/proposals", "Proposals, votes and decisions", nil, nil, []entente.Proposal{}},
	{"GET", "/api/pacts/{pact}/proposals/{proposal}", "One proposal", nil, nil, entente.Proposal{}},
	{"GET", "/api/pacts/{pact}/disputes", "Disputes and their stages", nil, nil, []entente.Dispute{}},
	{"GET", "/api/logs", "Logs and their sizes", nil, nil, []map[string]any{}},
	{"GET", "/api/logs/{log}/entries", "Log entries with leaf hashes, a page of at most 1000 from `from`", nil, []string{"from", "to", "limit"}, []entryView{}},
	{"GET", "/api/logs/{log}/head", "The latest signed tree head, and the heads members countersigned (witnesses)", nil, nil, headView{}},
	{"GET", "/api/logs/{log}/proof/inclusion", "Prove an entry is in the tree of a size", nil, []string{"index", "size"}, proofView{}},
	{"GET", "/api/logs/{log}/proof/consistency", "Prove a smaller tree is a prefix of a larger", nil, []string{"from", "to"}, proofView{}},
	{"GET", "/api/key", "The server's public key for tree heads", nil, nil, map[string]string{}},
}

var pathParam = regexp.MustCompile(`\{([a-z]+)\}`)

// OpenAPI returns the OpenAPI 3.1 document of the API.
func OpenAPI() map[string]any {
	schemas := map[string]any{}
	paths := map[string]map[string]any{}
	for _, op := range operations {
		item := paths[op.Path]
		if item == nil {
			item = map[string]any{}
			paths[op.Path] = item
		}
		item[strings.ToLower(op.Method)] = op.document(schemas)
	}
	errSchema := schemaOf(reflect.TypeOf(errorBody{}), schemas)
	schemas["Error"] = errSchema
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "Entente API",
			"version":     "1",
			"description": "Pacts (alliances and coalitions), their verifiable logs, and the proofs that check them. Errors are {\"error\":{\"code\",\"field\",\"message\"}}.",
		},
		"paths":      paths,
		"components": map[string]any{"schemas": schemas},
	}
}

func (op operation) document(schemas map[string]any) map[string]any {
	doc := map[string]any{"summary": op.Summary}
	var params []any
	for _, m := range pathParam.FindAllStringSubmatch(op.Path, -1) {
		params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
	}
	for _, q := range op.Query {
		typ := "integer"
		switch q {
		case "period", "matter", "objective", "weights":
			typ = "string"
		case "benefit", "returns", "synergy":
			typ = "number"
		}
		params = append(params, map[string]any{"name": q, "in": "query", "schema": map[string]any{"type": typ}})
	}
	if params != nil {
		doc["parameters"] = params
	}
	if op.Body != nil {
		doc["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(op.Body), schemas)}}}
	}
	ok := map[string]any{"description": "OK", "content": map[string]any{
		"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(op.Response), schemas)}}}
	errRef := map[string]any{"description": "Error", "content": map[string]any{
		"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
	doc["responses"] = map[string]any{"2XX": ok, "4XX": errRef, "5XX": errRef}
	return doc
}

var (
	timeType   = reflect.TypeOf(time.Time{})
	hashType   = reflect.TypeOf(tlog.Hash{})
	periodType = reflect.TypeOf(entente.Period(0))
	eventType  = reflect.TypeOf(entente.Event{})
)

// eventSchema describes an event as the log writes it (Event has its own
// JSON encoding, which reflection cannot see).
var eventSchema = map[string]any{"type": "object", "properties": map[string]any{
	"seq":  map[string]any{"type": "integer"},
	"type": map[string]any{"type": "string", "description": "pact_founded, member_admitted, vote_cast, proposal_decided, ..."},
	"at":   map[string]any{"type": "string", "format": "date-time"},
	"by":   map[string]any{"type": "string"},
	"data": map[string]any{"type": "object"},
}}

// schemaOf derives a JSON Schema from a Go type by its JSON tags. Named
// struct types become components referenced by name.
func schemaOf(t reflect.Type, schemas map[string]any) map[string]any {
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == hashType:
		return map[string]any{"type": "string", "description": "SHA-256 hash in hex"}
	case t == eventType:
		return eventSchema
	case t == periodType:
		return map[string]any{"type": "string", "description": "a period such as 30d or 36h"}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return schemaOf(t.Elem(), schemas)
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Uint64, reflect.Int32:
		return map[string]any{"type": "integer"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return map[string]any{"type": "string", "contentEncoding": "base64"}
		}
		return map[string]any{"type": "array", "items": schemaOf(t.Elem(), schemas)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem(), schemas)}
	case reflect.Interface:
		return map[string]any{}
	case reflect.Struct:
		return structSchema(t, schemas)
	}
	return map[string]any{}
}

func structSchema(t reflect.Type, schemas map[string]any) map[string]any {
	name := t.Name()
	if name != "" {
		ref := map[string]any{"$ref": "#/components/schemas/" + name}
		if _, done := schemas[name]; done {
			return ref
		}
		schemas[name] = map[string]any{} // placeholder against recursion
	}
	props := map[string]any{}
	addFields(t, props, schemas)
	s := map[string]any{"type": "object", "properties": props}
	if name == "" {
		return s
	}
	schemas[name] = s
	return map[string]any{"$ref": "#/components/schemas/" + name}
}

func addFields(t reflect.Type, props map[string]any, schemas map[string]any) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if f.Anonymous && tag == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			addFields(ft, props, schemas)
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = schemaOf(f.Type, schemas)
	}
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, OpenAPI())
}
