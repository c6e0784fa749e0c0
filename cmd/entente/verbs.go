package main

import (
	"context"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/backend"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/commandflag"
	"github.com/entente/entente/internal/output"
)

func (m *Main) runActor(ctx context.Context, env *cli, args []string) error {
	sub, args, err := program.Subcommand("actor", args)
	if err != nil {
		return err
	}
	fs, c := storeVerbFlags(env, "actor "+sub)
	var list output.Flags
	if sub == "list" {
		list.Register(fs, "write the actors to this `file` (.csv, .json)", "table", "csv", "json")
	}
	var s signing
	var remote remoteRead
	if sub == "list" || sub == "show" {
		remote.register(fs)
	}
	var reg struct {
		Token string `flag:"token" arg:"token" alias:"invitation" usage:"the invitation token (from 'entente invite')"`
	}
	if sub == "register" || sub == "update" {
		s.register(fs)
	}
	if sub == "register" {
		cmdline.Bind(fs, &reg)
	}
	edit := sub == "add" || sub == "register" || sub == "update"
	af := commandflag.NewActor()
	if edit {
		cmdline.Bind(fs, &af)
	}
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	a, err := af.Actor()
	if err != nil {
		return usagef("--%s", entente.ErrorMessage(err)) // --culture: ...
	}
	if edit && a.Kind == "" {
		return usagef("actor %s: --kind: expected state, firm, ngo, person or group", sub)
	}
	switch sub {
	case "register", "update":
		return m.signActor(ctx, env, c, &s, sub, a, reg.Token)
	}
	if sub == "add" {
		l, err := m.open(ctx, c.db, true)
		if err != nil {
			return err
		}
		got, err := l.RegisterActor(ctx, a)
		if err != nil {
			return err
		}
		return c.output(env.Stdout, backend.OneActor(got))
	}
	if sub == "show" && len(pos) != 1 {
		return usagef("actor show: expected one actor ID")
	}
	src, err := m.source(ctx, c, &remote)
	if err != nil {
		return err
	}
	if sub == "show" {
		got, err := src.Actor(ctx, entente.ActorID(pos[0]))
		if err != nil {
			return err
		}
		return c.output(env.Stdout, backend.OneActor(got))
	}
	actors, err := src.Actors(ctx)
	if err != nil {
		return err
	}
	return emitRows(env, &list, backend.ActorListing(actors))
}

func (m *Main) runPact(ctx context.Context, env *cli, args []string) error {
	sub, args, err := program.Subcommand("pact", args)
	if err != nil {
		return err
	}
	fs, c := storeVerbFlags(env, "pact "+sub)
	var list output.Flags
	if sub == "list" {
		list.Register(fs, "write the pacts to this `file` (.csv, .json)", "table", "csv", "json")
	}
	var file, by *string
	var s signing
	var remote remoteRead
	if sub != "found" {
		remote.register(fs)
	}
	if sub == "found" {
		file = fs.String("file", "", "the pact `file` to found (JSON; - for standard input)")
		by = fs.String("by", "", "the founding `member` who submits it (implied by --key)")
		s.register(fs)
	}
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if sub == "found" {
		cmd, err := readFoundFile(env, *file)
		if err != nil {
			return err
		}
		return m.act(ctx, env, c, &s, string(cmd.Pact.ID), *by, cmd)
	}
	if sub == "show" && len(pos) != 1 {
		return usagef("pact show: expected one pact ID")
	}
	src, err := m.source(ctx, c, &remote)
	if err != nil {
		return err
	}
	if sub == "show" {
		st, structure, err := src.Pact(ctx, entente.PactID(pos[0]))
		if err != nil {
			return err
		}
		if c.json {
			return c.output(env.Stdout, backend.Listing{V: map[string]any{"state": st, "structure": structure}})
		}
		return st.WriteText(env.Stdout, structure)
	}
	pacts, err := src.Pacts(ctx)
	if err != nil {
		return err
	}
	return emitRows(env, &list, backend.PactListing(pacts))
}

func readFoundFile(env *cli, path string) (entente.FoundPact, error) {
	var cmd entente.FoundPact
	if path == "" {
		return cmd, usagef("pact found: expected --file")
	}
	return cmd, cmdline.ReadJSON(env.Stdin, path, `{"pact": {...}, "founders": [...]}`, &cmd)
}
