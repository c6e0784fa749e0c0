package logstore

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// Migration is one schema change of a database store: the SQL of its
// file migrations/NNNN_description.sql.
type Migration struct {
	Version int
	// Name is the file's name without .sql, as the store records it.
	Name string
	SQL  string
}

// LoadMigrations reads the files migrations/*.sql of fsys (a store's
// embedded schema history), named NNNN_description.sql, checking that
// their versions run 1, 2, 3 ... without gaps or duplicates, so that the
// order in which they apply can never be in doubt.
func LoadMigrations(fsys fs.FS) ([]Migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql") // sorted by name
	if err != nil {
		return nil, err
	}
	ms := make([]Migration, 0, len(names))
	for i, name := range names {
		m, err := loadMigration(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", name, err)
		}
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %s: version %d, want %d", name, m.Version, i+1)
		}
		ms = append(ms, m)
	}
	return ms, nil
}

// MustLoadMigrations is LoadMigrations for a store's embedded files: a
// malformed file is a build mistake, so it panics (at init rather than at
// Open), naming the store.
func MustLoadMigrations(store string, fsys fs.FS) []Migration {
	ms, err := LoadMigrations(fsys)
	if err != nil {
		panic(store + ": " + err.Error())
	}
	return ms
}

// loadMigration reads one migration file, named NNNN_description.sql.
func loadMigration(fsys fs.FS, name string) (Migration, error) {
	base := strings.TrimSuffix(path.Base(name), ".sql")
	num, _, ok := strings.Cut(base, "_")
	if !ok {
		return Migration{}, errors.New("name is not NNNN_description.sql")
	}
	version, err := strconv.Atoi(num)
	if err != nil {
		return Migration{}, fmt.Errorf("version: %w", err)
	}
	text, err := fs.ReadFile(fsys, name)
	if err != nil {
		return Migration{}, err
	}
	return Migration{Version: version, Name: base, SQL: string(text)}, nil
}
