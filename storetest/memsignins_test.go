package storetest_test

import (
	"sync"
	"testing"

	"github.com/entente/entente/logstore"
	"github.com/entente/entente/storetest"
)

// TestMemorySignIns holds the in-memory sign-ins to the contract the
// databases pass; stores opened on one dir share one memory, as servers
// on one database share its tables.
func TestMemorySignIns(t *testing.T) {
	var mu sync.Mutex
	byDir := map[string]*logstore.MemorySignIns{}
	storetest.RunSignIns(t, func(tb testing.TB, dir string) logstore.SignInStore {
		mu.Lock()
		defer mu.Unlock()
		if byDir[dir] == nil {
			byDir[dir] = &logstore.MemorySignIns{}
		}
		return byDir[dir]
	})
}
