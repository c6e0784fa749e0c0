package main

import (
	"flag"
	"fmt"

	enthttp "github.com/entente/entente/http"
	"github.com/entente/entente/internal/sharedata"
)

// webServeFlags are serve's flags for the web app's world explorer and
// webhooks.
type webServeFlags struct {
	data           *string
	privateTargets *bool
}

func registerWebServeFlags(fs *flag.FlagSet) *webServeFlags {
	return &webServeFlags{
		data:           fs.String("data", "", "the research data `folder` for the world explorer at /world (default: $ENTENTE_DATA, ../shared/data or the user data folder, when one is there; without it /world says how to start with it)"),
		privateTargets: fs.Bool("webhook-private", false, "let webhooks target loopback and private addresses (receivers on the operator's own network); refused by default against server-side request forgery"),
	}
}

// apply loads the world explorer's data, when a folder is given or found,
// and sets the webhook policy. A folder given that lacks the data is an
// error; one merely found that lacks it is mentioned and skipped.
func (f *webServeFlags) apply(env *cli, cfg *enthttp.Config) error {
	cfg.Webhooks.AllowPrivate = *f.privateTargets
	dir, err := sharedata.Locate(*f.data, enthttp.WorldFiles...)
	if err != nil {
		if *f.data != "" {
			return usagef("--data %s: %v", *f.data, err)
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
