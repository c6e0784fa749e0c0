package output

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
)

// Files are the output files of a verb that writes several: each is
// rendered in memory as it is added and all are written only when every
// one rendered, so that a failure leaves no file behind.
type Files []file

type file struct {
	path string
	rows int
	data []byte
}

// Add renders the output that the flag flagName names, path, holding rows
// rows; a path of "" or "-" is none. A failed render is an error naming
// the flag and the file.
func (o *Files) Add(flagName, path string, rows int, render func(io.Writer) error) error {
	if path == "" || path == "-" {
		return nil
	}
	var b bytes.Buffer
	if err := render(&b); err != nil {
		return fmt.Errorf("--%s %s: %w", flagName, path, err)
	}
	*o = append(*o, file{path, rows, b.Bytes()})
	return nil
}

// Write writes every file atomically, saying "wrote N rows to FILE" for
// each on stderr.
func (o Files) Write(stderr io.Writer) error {
	for _, f := range o {
		if err := WriteFile(stderr, f.path, f.rows, func(w io.Writer) error { _, err := w.Write(f.data); return err }); err != nil {
			return err
		}
	}
	return nil
}

// CheckDirs refuses, before any work is done, an output path (by the name
// of its flag) whose folder does not exist, flags in alphabetical order.
func CheckDirs(paths map[string]string) error {
	for _, flagName := range slices.Sorted(maps.Keys(paths)) {
		if err := CheckDir("--"+flagName, paths[flagName]); err != nil {
			return err
		}
	}
	return nil
}
