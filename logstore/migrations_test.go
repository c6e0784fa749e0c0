package logstore

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadMigrations(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	good := fstest.MapFS{
		"migrations/0002_drafts.sql": file("CREATE TABLE drafts ();"),
		"migrations/0001_init.sql":   file("CREATE TABLE entries ();"),
		"migrations/README":          file("not SQL"),
	}
	ms, err := LoadMigrations(good)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 || ms[0] != (Migration{1, "0001_init", "CREATE TABLE entries ();"}) || ms[1].Name != "0002_drafts" {
		t.Errorf("loaded %+v", ms)
	}
	for _, tc := range []struct {
		names []string
		want  string
	}{
		{[]string{"0001_init.sql", "0003_late.sql"}, "0003_late.sql: version 3, want 2"},
		{[]string{"0001_init.sql", "0001_again.sql"}, "version 1, want 2"},
		{[]string{"0002_first.sql"}, "version 2, want 1"},
		{[]string{"init.sql"}, "init.sql: name is not NNNN_description.sql"},
		{[]string{"one_init.sql"}, "one_init.sql: version: "},
	} {
		fsys := fstest.MapFS{}
		for _, n := range tc.names {
			fsys["migrations/"+n] = file("SELECT 1;")
		}
		if _, err := LoadMigrations(fsys); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want one saying %q", tc.names, err, tc.want)
		}
	}
	defer func() {
		if r := recover(); r == nil || !strings.HasPrefix(r.(string), "sqlite: migration") {
			t.Errorf("MustLoadMigrations of a gap: panic %v, want one naming the store", r)
		}
	}()
	MustLoadMigrations("sqlite", fstest.MapFS{"migrations/0002_x.sql": file("")})
}
