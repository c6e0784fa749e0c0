package entente

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"
	"unicode"
)

// The defaults of the command fields a request may leave out. The entente
// command's flags default to the same values, so a command reads the same
// from the CLI and the API.
const (
	// DefaultMatter is the matter of a proposal that names none.
	DefaultMatter = General
	// DefaultNeutralRole is the role of an appointment that names none.
	DefaultNeutralRole = MediatorRole
	// DefaultInvitationLifetime is how long an invitation that names no
	// expiry stays open, from when it is issued.
	DefaultInvitationLifetime = 7 * Day
)

// DateLayouts are the forms a date takes in a request and on the command
// line: RFC 3339, or a day (midnight UTC). The CLI also reads "+30d" (from
// now), which it turns into RFC 3339 before it signs.
var DateLayouts = []string{time.RFC3339, "2006-01-02"}

// ParseDate reads a date in one of DateLayouts.
func ParseDate(s string) (time.Time, error) {
	for _, layout := range DateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("expected a date such as 2027-01-01 or 2027-01-01T12:00:00Z (RFC 3339), got %q", s)
}

// defaulter is a command that fills in the fields a request left out.
type defaulter interface{ setDefaults() }

func (c *Propose) setDefaults() {
	if c.Matter == "" {
		c.Matter = DefaultMatter
	}
}

func (c *AppointNeutral) setDefaults() {
	if c.Role == "" {
		c.Role = DefaultNeutralRole
	}
}

var timeType = reflect.TypeFor[time.Time]()

// dateArgs rewrites the dates of cmd's time fields in args that are a day
// (2027-01-01) to RFC 3339, which encoding/json reads, and refuses any
// other form, naming the field.
func dateArgs(args []byte, cmd any) ([]byte, error) {
	t := reflect.TypeOf(cmd).Elem()
	var fields map[string]json.RawMessage
	if t.Kind() != reflect.Struct || json.Unmarshal(args, &fields) != nil {
		return args, nil // not an object: StrictJSON says so
	}
	changed := false
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		raw, ok := fields[name]
		if f.Type != timeType || !ok || string(raw) == "null" {
			continue // null leaves the time zero, as encoding/json does
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, FieldErrorf(EINVALID, name, "expected a date as a string, such as \"2027-01-01\", got %s", raw)
		}
		d, err := ParseDate(s)
		if err != nil {
			return nil, FieldErrorf(EINVALID, name, "%v", err)
		}
		fields[name], _ = json.Marshal(d.Format(time.RFC3339Nano))
		changed = true
	}
	if !changed {
		return args, nil
	}
	return json.Marshal(fields)
}

// argsError names the field of a request's arguments that encoding/json
// could not read, in the request's terms.
func argsError(command string, err error) error {
	if e := JSONFieldError(err); e != nil {
		return e
	}
	return FieldErrorf(EINVALID, "request.args", "%s: %v", command, err)
}

// JSONFieldError turns an encoding/json error about one field (a value of
// the wrong type, an unknown field) into an EINVALID *Error naming the
// field by its JSON name and saying what was expected in JSON's words; it
// returns nil for any other error.
func JSONFieldError(err error) *Error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return FieldErrorf(EINVALID, jsonPath(te.Field), "expected %s, got a JSON %s", typeWord(te.Type), te.Value)
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		field := strings.Trim(name, `"`)
		if field == "" { // a key "" still names where the error is
			field = `""`
		}
		return FieldErrorf(EINVALID, field, "unknown field")
	}
	return nil
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

// typeWord says what a Go type is in JSON's words.
func typeWord(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Float32, reflect.Float64, reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint, reflect.Uint64, reflect.Uint32:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "a list"
	}
	return "an object"
}
