package http

import "github.com/entente/entente/wire"

// The API's bodies that the Go client also reads are declared once, in
// package wire; the handlers and the route table name them here.
type (
	errorBody     = wire.ErrorBody
	commandResult = wire.CommandResult
	pactSummary   = wire.PactSummary
	pactView      = wire.PactView
	entryView     = wire.LogEntry
	headView      = wire.LogHead
	proofView     = wire.Proof
)
