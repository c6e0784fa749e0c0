// Package atomicfile writes files so that a reader sees either the old file
// or the complete new one, never a part: the bytes go to a temporary file in
// the same folder, which is synced to disk and then renamed over the target;
// the folder is synced too, so the rename survives a crash. On any error the
// temporary file is removed and the target left as it was.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Perm is the mode of the files written (before the umask).
const Perm = 0o644

// File is a file being written; nothing is visible at its path until
// Commit.
type File struct {
	f    *os.File
	path string
	done bool
}

// Create starts writing path: a temporary file beside it.
func Create(path string) (*File, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return &File{f: f, path: path}, nil
}

// Name returns the path the file will have once committed.
func (a *File) Name() string { return a.path }

// Write writes to the temporary file.
func (a *File) Write(p []byte) (int, error) { return a.f.Write(p) }

// Commit syncs the temporary file, gives it mode Perm, renames it to the
// target path and syncs the folder. After an error nothing is left behind.
func (a *File) Commit() error {
	if a.done {
		return fmt.Errorf("writing %s: already committed or aborted", a.path)
	}
	a.done = true
	err := a.f.Sync()
	if cerr := a.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(a.f.Name(), Perm)
	}
	if err == nil {
		err = os.Rename(a.f.Name(), a.path)
	}
	if err != nil {
		os.Remove(a.f.Name())
		return fmt.Errorf("writing %s: %w", a.path, err)
	}
	return syncDir(filepath.Dir(a.path))
}

// Abort removes the temporary file; it does nothing after Commit.
func (a *File) Abort() {
	if a.done {
		return
	}
	a.done = true
	a.f.Close()
	os.Remove(a.f.Name())
}

// WriteFile writes path atomically with what write produces; if write
// fails, path is left as it was.
func WriteFile(path string, write func(io.Writer) error) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Abort()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Commit()
}

// syncDir makes a rename in dir durable. Some systems cannot sync a
// folder; that is not an error.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) && !isUnsupported(err) {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	return nil
}
