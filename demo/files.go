package demo

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/entente/entente/client"
	"github.com/entente/entente/logstore"
	"github.com/entente/entente/tlog"
)

// SeedIfEmpty writes the demo workspace into store (Seed) when it holds no
// log yet, and each demo delegate's key into the folder dir as ACTOR.key,
// so that a person can act as one. A store that holds logs is left as it
// is: SeedIfEmpty returns how many it holds, and 0 after seeding.
func SeedIfEmpty(ctx context.Context, store logstore.Store, signer tlog.Signer, now time.Time, rand io.Reader, dir string) (int, error) {
	logs, err := store.Logs(ctx)
	if err != nil || len(logs) > 0 {
		return len(logs), err
	}
	delegates, err := Seed(ctx, store, signer, now, rand)
	if err != nil {
		return 0, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return 0, err
	}
	for _, d := range delegates {
		file := filepath.Join(dir, string(d.Actor)+".key")
		os.Remove(file) // a key from an earlier demo store is useless now
		if err := client.WriteKey(file, d); err != nil {
			return 0, err
		}
	}
	return 0, nil
}
