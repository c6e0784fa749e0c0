package webhook_test

import (
	"context"
	"net/netip"
	"testing"

	"github.com/entente/entente/webhook"
)

// FuzzCheckURL: whatever the text, CheckURL does not panic, and a URL it
// accepts is http or https with a host that is not a blocked address
// (names resolve, here, to a public address).
func FuzzCheckURL(f *testing.F) {
	for _, s := range []string{"http://127.0.0.1/", "https://hooks.example/x", "http://[::ffff:10.0.0.1]:80/", "http://0x7f000001/", "http://2130706433/", "http://[fe80::1%25eth0]/", "//x", "http:///", "https://a@b/"} {
		f.Add(s)
	}
	d := webhook.New(webhook.Config{Feed: (&fakeLog{}).feed, Resolve: publicResolver})
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := d.CheckURL(context.Background(), raw)
		if err != nil {
			return
		}
		if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.User != nil {
			t.Fatalf("accepted %q as %v", raw, u)
		}
		if a, err := netip.ParseAddr(u.Hostname()); err == nil && webhook.Blocked(a) {
			t.Fatalf("accepted %q, whose host %s is blocked", raw, a)
		}
	})
}
