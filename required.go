package entente

import (
	"encoding/json"
	"reflect"
	"strings"
)

// requireFields checks that the JSON object b names every field of v's
// struct type whose tag has neither omitempty nor omitzero: a missing
// number must not be read as 0, nor a missing list as none.
func requireFields(b []byte, v any) error {
	t := reflect.TypeOf(v)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var present map[string]json.RawMessage
	if err := json.Unmarshal(b, &present); err != nil {
		return err
	}
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() || strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero") {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, ok := present[name]; !ok {
			return FieldErrorf(EINVALID, name, "expected a value")
		}
	}
	return nil
}
