package main

import (
	"io"

	"github.com/entente/entente/internal/backend"
	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/internal/table"
)

// emitRows writes a list of store records to --out or standard output:
// its V as JSON, or its rows as a table, CSV or Parquet.
func emitRows(env *cli, o *output.Flags, l backend.Listing) error {
	format, err := o.Resolve()
	if err != nil {
		return err
	}
	return o.Emit(env.Stdout, env.Stderr, len(l.Rows), func(w io.Writer) error {
		if format == "json" {
			return output.WriteJSON(w, l.V)
		}
		return output.RenderRows(w, format, l.Header, l.Rows)
	})
}

// common's output: l's V as JSON, or its table.
func (c *common) output(w io.Writer, l backend.Listing) error {
	if c.json {
		return output.WriteJSON(w, l.V)
	}
	return table.Write(w, l.Header, l.Rows)
}
