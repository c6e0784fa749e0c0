package webhook_test

import (
	"encoding/base64"
	"fmt"
	"net/netip"

	"github.com/entente/entente/webhook"
)

// A receiver checks a delivery with the secret it was given at
// registration, from the delivery's id, time stamp and body headers.
func ExampleVerify() {
	secret := base64.RawURLEncoding.EncodeToString([]byte("a secret of 32 bytes, at random!"))
	body := []byte(`{"pact":"co","index":7,"type":"vote_cast"}`)
	key, _ := base64.RawURLEncoding.DecodeString(secret)
	sig := webhook.Sign(key, "wh_0123-7", "1767225600", body)

	fmt.Println(webhook.Verify(secret, "wh_0123-7", "1767225600", body, sig))
	fmt.Println(webhook.Verify(secret, "wh_0123-7", "1767225600", []byte(`{"pact":"co","index":8}`), sig))
	// Output:
	// true
	// false
}

// Blocked says which addresses a webhook may not reach without the
// operator's leave.
func ExampleBlocked() {
	for _, a := range []string{"93.184.216.34", "127.0.0.1", "10.1.2.3", "169.254.169.254", "::ffff:192.168.0.1", "2606:4700::1111"} {
		fmt.Println(a, webhook.Blocked(netip.MustParseAddr(a)))
	}
	// Output:
	// 93.184.216.34 false
	// 127.0.0.1 true
	// 10.1.2.3 true
	// 169.254.169.254 true
	// ::ffff:192.168.0.1 true
	// 2606:4700::1111 false
}
