package main

import (
	"fmt"

	enthttp "github.com/entente/entente/http"
	"github.com/entente/entente/internal/sharedata"
)

// applyWeb loads the world explorer's data, when a folder is given or found,
// and sets the webhook policy. A folder given that lacks the data is an
// error; one merely found that lacks it is mentioned and skipped.
func (f *serveRequest) applyWeb(env *cli, cfg *enthttp.Config) error {
	cfg.Webhooks.AllowPrivate = f.PrivateTargets
	dir, err := sharedata.Locate(f.Data, enthttp.WorldFiles...)
	if err != nil {
		if f.Data != "" {
			return usagef("--data %s: %v", f.Data, err)
		}
		if dir != "" {
			fmt.Fprintf(env.Stderr, "entente: the world explorer is off: %v\n", err)
		}
		return nil
	}
	if cfg.World, err = enthttp.LoadWorld(dir); err != nil {
		return fmt.Errorf("--data %s: %w", dir, err)
	}
	return nil
}
