package tlog

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// LoadOrCreateKey returns the Signer stored in the key file at path, creating
// the file with a new key from rand if it does not exist. The parent
// directory must already exist.
//
// Creation is atomic: the key is written and synced to a temporary file (mode
// 0600) in the same directory, then published under path, so a crash never
// leaves a truncated key behind. Publishing uses a hard link where the file
// system allows it, which fails rather than overwrites if another process
// created the key first; in that case the winner's key is loaded, so two
// servers starting together still agree on one key. Where hard links are
// unsupported it falls back to rename.
//
// A file that exists but cannot be read or parsed is an error naming path;
// it is never replaced, because heads signed with the old key would stop
// verifying.
func LoadOrCreateKey(path string, rand io.Reader) (Signer, error) {
	s, err := loadKey(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return s, err
	}
	if s, err = GenerateKey(rand); err != nil {
		return Signer{}, err
	}
	err = createKeyFile(path, MarshalSigner(s))
	if errors.Is(err, fs.ErrExist) {
		return loadKey(path) // Lost a creation race; use the winner's key.
	}
	if err != nil {
		return Signer{}, fmt.Errorf("tlog: creating key file %s: %w", path, err)
	}
	return s, nil
}

// loadKey reads and parses a key file. A missing file yields an error
// wrapping fs.ErrNotExist.
func loadKey(path string) (Signer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Signer{}, fmt.Errorf("tlog: reading key file: %w", err)
	}
	s, err := ParseSigner(data)
	if err != nil {
		return Signer{}, fmt.Errorf("tlog: key file %s is malformed: %w", path, err)
	}
	return s, nil
}

// createKeyFile atomically creates path holding data with mode 0600. It
// returns an error wrapping fs.ErrExist if path already exists.
func createKeyFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := writeTemp(dir, "."+filepath.Base(path)+".tmp-*", data)
	if err != nil {
		return err
	}
	defer os.Remove(tmp) // After a link the temporary name is redundant.
	if err := publish(tmp, path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// writeTemp writes data to a new, synced file with mode 0600 in dir and
// returns its name.
func writeTemp(dir, pattern string, data []byte) (string, error) {
	f, err := os.CreateTemp(dir, pattern) // CreateTemp uses mode 0600.
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// publish gives the complete file tmp the name path without overwriting an
// existing path where the file system allows (see LoadOrCreateKey).
func publish(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	return os.Rename(tmp, path)
}

// syncDir makes the new directory entry durable, so a key that has signed
// heads cannot vanish in a crash. It is best effort: some systems cannot sync
// a directory, and the key file itself is already synced.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
