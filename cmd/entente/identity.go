package main

import (
	"cmp"
	"context"
	"crypto/rand"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/entente/entente"
	"github.com/entente/entente/client"
	"github.com/entente/entente/internal/cmdline"
	"github.com/entente/entente/internal/output"
)

// signing holds the flags of a verb that acts: whose key signs, who
// co-signs, and where the request goes.
type signing struct {
	keyFlag
	Cosign   cmdline.List[string] `flag:"cosign" arg:"file" usage:"another delegate key file that co-signs (a co-founder, a party to a settlement; repeatable)"`
	Server   string               `flag:"server" arg:"URL" usage:"send the request to the server at URL instead of writing the store (default $ENTENTE_SERVER)"`
	SignOnly bool                 `flag:"sign-only" usage:"print the signed request instead of submitting it, for others to co-sign ('entente sign') and submit ('entente submit')"`
	Class    string               `flag:"class" usage:"who may read what the request records: public, members, parties (of a dispute) or role:ROLE (default: the pact's visibility)"`
}

// register binds the flags, --key and --server defaulting to $ENTENTE_KEY
// and $ENTENTE_SERVER.
func (s *signing) register(fs *flag.FlagSet) {
	s.keyFlag, s.Server = newKeyFlag(), os.Getenv("ENTENTE_SERVER")
	cmdline.Bind(fs, s)
}

// keyFlag is --key, the delegate key that signs (newKeyFlag: by default
// $ENTENTE_KEY).
type keyFlag struct {
	Key string `flag:"key" arg:"file" usage:"the delegate key file that signs the request (default $ENTENTE_KEY; see 'entente key new')"`
}

// newKeyFlag is --key with its default.
func newKeyFlag() keyFlag { return keyFlag{os.Getenv("ENTENTE_KEY")} }

// sign makes the signed request for cmd on log with the verb's keys.
func (s *signing) sign(log string, by string, cmd any) (*entente.Signed, error) {
	sig, err := client.SignFiles(s.Key, s.Cosign, entente.ActorID(by), log, cmd, entente.Classification(s.Class), time.Now())
	switch entente.ErrorField(err) {
	case "by":
		return nil, usagef("--by %s", strings.TrimPrefix(entente.ErrorMessage(err), "by: ")) // --by ACTOR: the key in ...
	case "request.class":
		return nil, usagef("--class: %s", entente.ErrorMessage(err))
	}
	return sig, err
}

// act runs cmd on log: signed with --key (submitted to the store, or to
// --server, or printed with --sign-only), or, without a key, recorded by
// the operator for --by (only for pacts that are the operator's record).
func (m *Main) act(ctx context.Context, env *cli, c *common, s *signing, log, by string, cmd entente.Command) error {
	if s.Key == "" {
		if by == "" {
			return usagef("expected --key FILE (a delegate key) or, for the operator's record of a keyless actor, --by ACTOR")
		}
		if s.Server != "" || s.SignOnly {
			return usagef("--server and --sign-only need --key")
		}
		l, err := m.open(ctx, c.db, false)
		if err != nil {
			return err
		}
		_, events, err := l.Do(ctx, entente.PactID(log), entente.ActorID(by), cmd)
		if entente.ErrorField(err) == "signature" {
			return fmt.Errorf("%s (pass --key FILE)", entente.ErrorMessage(err))
		}
		if err != nil {
			return err
		}
		return printEvents(env.Stdout, c, events)
	}
	return m.sendSigned(ctx, env, c, s, log, by, cmd)
}

// sendSigned signs cmd on log with the verb's keys and delivers it.
func (m *Main) sendSigned(ctx context.Context, env *cli, c *common, s *signing, log, by string, cmd any) error {
	sig, err := s.sign(log, by, cmd)
	if err != nil {
		return err
	}
	return m.deliver(ctx, env, c, s, sig)
}

// deliver submits a signed request to --server or the store, or prints it
// with --sign-only.
func (m *Main) deliver(ctx context.Context, env *cli, c *common, s *signing, sig *entente.Signed) error {
	if s.SignOnly {
		return output.WriteJSON(env.Stdout, sig)
	}
	if s.Server != "" {
		out, err := (&client.Client{Base: s.Server}).Submit(ctx, sig)
		if err != nil {
			return err
		}
		return printEvents(env.Stdout, c, out.Events)
	}
	l, err := m.open(ctx, c.db, true)
	if err != nil {
		return err
	}
	out, err := l.Submit(ctx, sig)
	if err != nil {
		return err
	}
	return printEvents(env.Stdout, c, out.Events)
}

func (m *Main) runKey(ctx context.Context, env *cli, args []string) error {
	sub, args, err := program.Subcommand("key", args)
	if err != nil {
		return err
	}
	switch sub {
	case "token":
		return runReadToken(env, args)
	case "enrol", "revoke":
		return m.runKeyChange(ctx, env, sub, args)
	}
	fs := newFlags(env, "key new")
	var f struct {
		Actor string `flag:"actor" arg:"actor" usage:"the actor the delegate acts for"`
		Name  string `flag:"name" arg:"name" usage:"the delegate's name (a person)"`
		Out   string `flag:"out" arg:"file" usage:"the key file to write (must not exist)"`
	}
	cmdline.Bind(fs, &f)
	if err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	if !entente.ValidID(f.Actor) {
		return usagef("key new: --actor: expected an actor ID, got %q", f.Actor)
	}
	if f.Out == "" {
		return usagef("key new: expected --out FILE")
	}
	d, err := client.NewKeyFile(f.Out, entente.ActorID(f.Actor), cmp.Or(f.Name, f.Actor+" delegate"), rand.Reader)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s\n", d.PublicKey())
	fmt.Fprintf(env.Stderr, "entente: wrote the key of %s to %s\n", d, f.Out)
	return nil
}

func (m *Main) runInvite(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "invite")
	f := struct {
		Actor     string `flag:"actor" arg:"actor" usage:"the actor the invitation is for (default: any new actor)"`
		Registrar bool   `flag:"registrar" usage:"the actor registered may invite others"`
		Expires   string `flag:"expires" arg:"date" usage:"when the invitation expires (date: 2027-01-01, RFC 3339 or +Nd, N days from now)"`
	}{Expires: fmt.Sprintf("+%dd", entente.DefaultInvitationLifetime/entente.Day)}
	cmdline.Bind(fs, &f)
	if err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	until, err := cmdline.ParseWhen("expires", f.Expires, time.Now())
	if err != nil {
		return err
	}
	l, err := m.open(ctx, c.db, true)
	if err != nil {
		return err
	}
	token, err := entente.NewToken(rand.Reader)
	if err != nil {
		return err
	}
	inv, err := l.Invite(ctx, entente.ActorID(f.Actor), token, until, f.Registrar)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, token)
	fmt.Fprintf(env.Stderr, "entente: invitation %s, valid until %s; give the token above to the delegate\n", inv.ID, inv.Expires.Format(time.RFC3339))
	return nil
}

// readSigned reads a signed request file (- for standard input).
func readSigned(env *cli, path string) (*entente.Signed, error) {
	var sig entente.Signed
	return &sig, cmdline.ReadJSON(env.Stdin, path, "a signed request (from --sign-only)", &sig)
}

func runSign(ctx context.Context, env *cli, args []string) error {
	fs := newFlags(env, "sign")
	k := newKeyFlag()
	cmdline.Bind(fs, &k)
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || k.Key == "" {
		return usagef("sign: expected FILE and --key")
	}
	sig, err := readSigned(env, pos[0])
	if err != nil {
		return err
	}
	if err := client.CosignFile(sig, k.Key); err != nil {
		return err
	}
	return output.WriteJSON(env.Stdout, sig)
}

func (m *Main) runSubmit(ctx context.Context, env *cli, args []string) error {
	fs, c := storeVerbFlags(env, "submit")
	var s signing
	s.register(fs)
	pos, err := cmdline.ParseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("submit: expected one FILE")
	}
	sig, err := readSigned(env, pos[0])
	if err != nil {
		return err
	}
	s.SignOnly = false
	return m.deliver(ctx, env, c, &s, sig)
}

// signActor is 'entente actor register' (an actor's first delegate key,
// redeeming an invitation) and 'entente actor update', signed by the key.
func (m *Main) signActor(ctx context.Context, env *cli, c *common, s *signing, sub string, a entente.Actor, token string) error {
	switch {
	case sub == "register" && (s.Key == "" || token == ""):
		return usagef("actor register: expected --key FILE and --invitation TOKEN")
	case s.Key == "":
		return usagef("actor update: expected --key FILE")
	}
	d, err := client.LoadKey(s.Key)
	if err != nil {
		return err
	}
	a.ID = cmp.Or(a.ID, d.Actor)
	if sub == "register" {
		return m.sendSigned(ctx, env, c, s, entente.RegistryLog, "", entente.RegisterActor{Actor: a, Key: d.PublicKey(), Delegate: d.Name, Token: token})
	}
	return m.sendSigned(ctx, env, c, s, entente.RegistryLog, string(a.ID), entente.UpdateActor{Actor: a})
}

// runReadToken is 'entente key token': a read token for the Authorization
// header, with which a member (or observer, auditor) reads a members-only
// pact and classified entries over the API.
func runReadToken(env *cli, args []string) error {
	fs := newFlags(env, "key token")
	f := struct {
		keyFlag
		For time.Duration `flag:"for" usage:"how long the token is good for (at most 15m)"`
	}{newKeyFlag(), 10 * time.Minute}
	cmdline.Bind(fs, &f)
	if err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	if f.Key == "" {
		return usagef("key token: expected --key FILE")
	}
	d, err := client.LoadKey(f.Key)
	if err != nil {
		return err
	}
	token, err := client.ReadToken(d, f.For, time.Now())
	if err != nil {
		return cmdline.Invalid(err) // --for: expected a duration up to 15m0s
	}
	fmt.Fprintln(env.Stdout, token)
	return nil
}

// remoteRead holds the flags of a verb that can read from a running
// server instead of the store: the server, and the delegate key whose
// read token shows what its roles entitle it to.
type remoteRead struct {
	Server string `flag:"server" arg:"URL" usage:"read from the server at URL instead of the store (default $ENTENTE_SERVER)"`
	Key    string `flag:"key" arg:"file" usage:"with --server: your delegate key file, to read members-only pacts your roles entitle you to"`
}

// register binds the flags, defaulting to $ENTENTE_SERVER and
// $ENTENTE_KEY.
func (r *remoteRead) register(fs *flag.FlagSet) {
	r.Server, r.Key = os.Getenv("ENTENTE_SERVER"), os.Getenv("ENTENTE_KEY")
	cmdline.Bind(fs, r)
}

// client returns the server's client, with a read token when a key is set.
func (r *remoteRead) client() (*client.Client, error) {
	return client.NewReader(r.Server, r.Key, time.Now())
}

// runKeyChange is 'entente key enrol' and 'entente key revoke': a change
// to an actor's delegate keys in the registry, signed by one of its
// delegates (--key) and, for a new key, by the new key too.
func (m *Main) runKeyChange(ctx context.Context, env *cli, sub string, args []string) error {
	fs, c := storeVerbFlags(env, "key "+sub)
	var s signing
	s.register(fs)
	var f struct {
		New      string `flag:"new" arg:"file" usage:"the new delegate's key file (from 'entente key new'), which co-signs"`
		Delegate string `flag:"delegate" arg:"name" usage:"the new delegate's name (default: the name in --new)"`
		Revoke   string `flag:"revoke" arg:"key" usage:"the public key to revoke (as 'entente key new' printed it)"`
		Reason   string `flag:"reason" usage:"why the key is revoked, kept in the registry (optional)"`
	}
	cmdline.Bind(fs, &f)
	if err := cmdline.Parse(fs, args); err != nil {
		return err
	}
	var cmd any = entente.RevokeKey{Key: f.Revoke, Reason: f.Reason}
	switch {
	case s.Key == "":
		return usagef("key %s: expected --key FILE, a delegate key of the actor", sub)
	case sub == "revoke" && (f.Revoke == "" || f.New != "" || f.Delegate != ""):
		return usagef("key revoke: expected --revoke KEY (and no --new or --delegate)")
	case sub == "enrol" && (f.New == "" || f.Revoke != "" || f.Reason != ""):
		return usagef("key enrol: expected --new FILE (and no --revoke or --reason)")
	case sub == "enrol":
		d, err := client.LoadKey(f.New)
		if err != nil {
			return err
		}
		cmd = entente.EnrolKey{Key: d.PublicKey(), Delegate: cmp.Or(f.Delegate, d.Name)}
		s.Cosign = append(s.Cosign, f.New)
	}
	return m.sendSigned(ctx, env, c, &s, entente.RegistryLog, "", cmd)
}
