package http

import (
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/health"
	"github.com/entente/entente/tlog"
)

var pathParam = regexp.MustCompile(`\{([a-z]+)\}`)

// OpenAPI returns the OpenAPI 3.1 document of the API.
func OpenAPI() map[string]any {
	schemas := map[string]any{}
	paths := map[string]map[string]any{}
	for _, rt := range (&Server{}).routes() {
		item := paths[rt.Pattern]
		if item == nil {
			item = map[string]any{}
			paths[rt.Pattern] = item
		}
		item[strings.ToLower(rt.Method)] = rt.document(schemas)
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

// queryDefaults are the values the handlers take for query parameters
// left out, where one applies to every route that reads the parameter.
var queryDefaults = map[string]any{
	"period":  entente.Period(health.DefaultPeriod).String(),
	"matter":  string(entente.General),
	"returns": 1,
}

func (op route) document(schemas map[string]any) map[string]any {
	doc := map[string]any{"summary": op.Summary}
	var params []any
	for _, m := range pathParam.FindAllStringSubmatch(op.Pattern, -1) {
		params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
	}
	for _, q := range op.Query {
		typ := "integer"
		switch q {
		case "period", "matter", "objective", "weights", "assume":
			typ = "string"
		case "benefit", "returns", "synergy":
			typ = "number"
		}
		schema := map[string]any{"type": typ}
		if d, ok := queryDefaults[q]; ok {
			schema["default"] = d
		}
		params = append(params, map[string]any{"name": q, "in": "query", "schema": schema})
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
		return map[string]any{"type": "string", "format": "date-time",
			"description": "RFC 3339; in a command's arguments also a day, 2027-01-01 (midnight UTC): entente.DateLayouts"}
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
