package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	for _, tc := range []struct {
		name  string
		write func(io.Writer) error
		want  string
		err   error
	}{
		{"failure keeps the old file", func(w io.Writer) error { io.WriteString(w, "partial"); return boom }, "old", boom},
		{"success replaces it", func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }, "new", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := WriteFile(path, tc.write)
			if !errors.Is(err, tc.err) {
				t.Fatalf("WriteFile: %v, want %v", err, tc.err)
			}
			got, _ := os.ReadFile(path)
			if string(got) != tc.want {
				t.Errorf("file holds %q, want %q", got, tc.want)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("folder holds %d entries, want only the target: %v", len(entries), entries)
			}
		})
	}
	st, err := os.Stat(path)
	if err != nil || st.Mode().Perm()&0o044 == 0 && Perm&0o044 != 0 {
		t.Errorf("mode %v, %v: want readable as Perm %o (less the umask)", st.Mode(), err, Perm)
	}
}

func TestCreateAbortAndCommit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.json")
	f, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(f, "{}")
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("the target exists before Commit: %v", err)
	}
	f.Abort()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("Abort left %v", entries)
	}
	if err := f.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
	if err := WriteFile(filepath.Join(dir, "no", "such", "folder"), func(io.Writer) error { return nil }); err == nil {
		t.Error("writing into a missing folder succeeded")
	}
}
