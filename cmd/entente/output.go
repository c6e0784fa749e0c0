package main

import (
	"io"

	"github.com/entente/entente/internal/output"
	"github.com/entente/entente/internal/table"
)

// emitRows writes a list of store records to --out or standard output: v
// as JSON, or the rows as a table, CSV or Parquet.
func emitRows(env *cli, o *output.Flags, v any, header []string, rows [][]string) error {
	format, err := o.Resolve()
	if err != nil {
		return err
	}
	return o.Emit(env.Stdout, env.Stderr, len(rows), func(w io.Writer) error {
		if format == "json" {
			return output.WriteJSON(w, v)
		}
		return output.RenderRows(w, format, header, rows)
	})
}

// common's output: v as JSON, or a table from rows.
func (c *common) output(w io.Writer, v any, header []string, rows [][]string) error {
	if c.json {
		return output.WriteJSON(w, v)
	}
	return table.Write(w, header, rows)
}
