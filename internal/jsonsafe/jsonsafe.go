// Package jsonsafe prepares values for encoding/json when they may hold
// NaN: analytics report a figure they cannot compute as NaN, JSON has no
// NaN, and encoding/json refuses to write it. Value turns such figures into
// null.
package jsonsafe

import (
	"encoding"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"
)

// Value returns v as a tree of maps, slices and leaves that
// encoding/json can write even when v holds NaN or infinities: analytics
// report a figure they cannot compute as NaN, and JSON has no NaN, so such
// figures become null. It honours json tags (names, omitempty, "-",
// embedded structs) and values that marshal themselves.
func Value(v any) any { return safeValue(reflect.ValueOf(v)) }

var (
	jsonMarshaler = reflect.TypeOf((*json.Marshaler)(nil)).Elem()
	textMarshaler = reflect.TypeOf((*encoding.TextMarshaler)(nil)).Elem()
)

func safeValue(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && v.IsNil() {
		return nil
	}
	if v.Type().Implements(jsonMarshaler) || v.Type().Implements(textMarshaler) {
		b, err := json.Marshal(v.Interface())
		if err != nil {
			return fmt.Sprintf("unencodable: %v", err)
		}
		return json.RawMessage(b)
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return safeValue(v.Elem())
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil
		}
		return f
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return nil
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = safeValue(v.Index(i))
		}
		return out
	case reflect.Map:
		return safeMap(v)
	case reflect.Struct:
		out := map[string]any{}
		safeStruct(v, out)
		return out
	}
	return v.Interface()
}

func safeMap(v reflect.Value) any {
	if v.IsNil() {
		return nil
	}
	out := make(map[string]any, v.Len())
	keys := v.MapKeys()
	sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
	for _, k := range keys {
		name := fmt.Sprint(k.Interface())
		if tm, ok := k.Interface().(encoding.TextMarshaler); ok {
			if b, err := tm.MarshalText(); err == nil {
				name = string(b)
			}
		}
		out[name] = safeValue(v.MapIndex(k))
	}
	return out
}

func safeStruct(v reflect.Value, out map[string]any) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			fv := v.Field(i)
			if fv.Kind() == reflect.Pointer {
				if fv.IsNil() {
					continue
				}
				fv = fv.Elem()
			}
			if fv.Kind() == reflect.Struct {
				safeStruct(fv, out)
				continue
			}
		}
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fv := v.Field(i)
		if strings.Contains(opts, "omitempty") && fv.IsZero() {
			continue
		}
		if strings.Contains(opts, "omitzero") && fv.IsZero() {
			continue
		}
		out[name] = safeValue(fv)
	}
}
