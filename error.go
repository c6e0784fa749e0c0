package entente

import (
	"errors"
	"fmt"
)

// Error codes. They are few on purpose: each maps to one HTTP status and one
// exit code at the edge, in a single table there.
const (
	EINVALID     = "invalid"     // the input is malformed or breaks a rule of the pact
	ENOTFOUND    = "not_found"   // the pact, actor, proposal ... does not exist
	ECONFLICT    = "conflict"    // valid input that the current state refuses (a second vote, a decided proposal)
	EFORBIDDEN   = "forbidden"   // the acting party may not do this (a vote by a non-member)
	ETOOLARGE    = "too_large"   // the request is larger than allowed
	ETOOMANY     = "too_many"    // the caller sent too many requests; retry later
	EMETHOD      = "method"      // the resource exists but not under this method
	EUNAVAILABLE = "unavailable" // the store is away for now; retry later
	EINTERNAL    = "internal"    // a fault of ours, not of the caller
)

// Error is the one error type of Entente. Code says what kind of failure it
// is, Field names the input that caused it (when one did), and Message says
// what was expected, for a person to read.
type Error struct {
	Code    string
	Field   string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldErrorf returns an *Error that names the offending input field.
func FieldErrorf(code, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, with
// its field, or a generic message for internal errors so that their details
// do not leak to callers.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		if e.Field != "" {
			return e.Field + ": " + e.Message
		}
		return e.Message
	}
	return "internal error"
}

// ErrorField returns the field named by the first *Error in err's chain.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
