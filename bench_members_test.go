package entente_test

import (
	"fmt"
	"testing"

	"github.com/entente/entente"
	"github.com/entente/entente/internal/cputime"
)

// BenchmarkMembershipChange measures a change of membership through
// Execute, which forks the state: a member's notice, and an outsider's
// admission to an open coalition, at 100 and 10,000 members. "new" is
// the state as it is, its Members a persistent ActorMap, so the change
// copies one path of it; "old" is the reference fold (ref_test.go), whose
// Members is a Go map copied whole on each change after a fork, as
// PactState's was. cpu-ns/op is the process's CPU time per command, GC
// included.
//
//	go test -run '^$' -bench MembershipChange .
func BenchmarkMembershipChange(b *testing.B) {
	for _, n := range []int{100, 10_000} {
		actors := map[entente.ActorID]*entente.Actor{}
		ids := make([]entente.ActorID, n)
		for i := range ids {
			ids[i] = entente.ActorID(fmt.Sprintf("m%05d", i))
			actors[ids[i]] = &entente.Actor{ID: ids[i], Name: string(ids[i]), Kind: entente.NGO}
		}
		const outsider = entente.ActorID("m99999-new")
		actors[outsider] = &entente.Actor{ID: outsider, Name: string(outsider), Kind: entente.NGO}
		env := entente.Env{Now: t0, Actors: func(id entente.ActorID) *entente.Actor { return actors[id] }}
		pact := entente.Pact{ID: "many", Name: "Many members", Kind: entente.Coalition,
			Purposes: []entente.Purpose{entente.Political}, Duration: entente.Duration{Kind: entente.Permanent},
			Agreement: entente.Agreement{Join: entente.JoinOpen, Exit: entente.ExitClause{Notice: entente.Days(30)}}}
		s, events, err := entente.Execute(nil, ids[0], entente.FoundPact{Pact: pact, Founders: ids}, env)
		if err != nil {
			b.Fatal(err)
		}
		env.Now = env.Now.Add(entente.Day)
		commands := []struct {
			name string
			by   entente.ActorID
			cmd  entente.Command
		}{
			{"notice", ids[n/2], entente.GiveNotice{}},
			{"join", outsider, entente.RequestJoin{}},
		}
		for _, c := range commands {
			b.Run(fmt.Sprintf("%s/members=%d/new", c.name, n), func(b *testing.B) {
				b.ReportAllocs()
				start := cputime.Process()
				for b.Loop() {
					if _, _, err := entente.Execute(s, c.by, c.cmd, env); err != nil {
						b.Fatal(err)
					}
				}
				cpu := cputime.Process() - start
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			})
			b.Run(fmt.Sprintf("%s/members=%d/old", c.name, n), func(b *testing.B) {
				ref, err := entente.RefFold(events)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				start := cputime.Process()
				for b.Loop() {
					if _, _, err := entente.RefExecute(ref, c.by, c.cmd, env); err != nil {
						b.Fatal(err)
					}
				}
				cpu := cputime.Process() - start
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			})
		}
	}
}
