package entente_test

import (
	"bytes"
	"crypto/rand"
	"strings"
	"testing"

	"github.com/entente/entente"
)

// TestNewTokenAndSalt: tokens and salts are drawn from the reader given,
// have their documented form, differ from draw to draw, and a reader that
// runs dry is an error rather than a short secret.
func TestNewTokenAndSalt(t *testing.T) {
	token, err := entente.NewToken(rand.Reader)
	if err != nil || !strings.HasPrefix(token, "inv-") || len(token) != len("inv-")+32 {
		t.Errorf("token %q, %v", token, err)
	}
	if again, _ := entente.NewToken(rand.Reader); again == token {
		t.Error("two tokens alike")
	}
	salt, err := entente.NewSalt(rand.Reader)
	if err != nil || len(salt) != entente.SaltDigits || strings.Trim(salt, "0123456789abcdef") != "" {
		t.Errorf("salt %q, %v", salt, err)
	}
	zeros := bytes.NewReader(make([]byte, entente.SaltDigits/2))
	if salt, _ := entente.NewSalt(zeros); salt != strings.Repeat("0", entente.SaltDigits) {
		t.Errorf("salt of zero bytes %q: not drawn from the reader given", salt)
	}
	short := bytes.NewReader(make([]byte, 5))
	if _, err := entente.NewToken(short); err == nil {
		t.Error("a token from a reader that ran dry")
	}
	if _, err := entente.NewSalt(short); err == nil {
		t.Error("a salt from a reader that ran dry")
	}
}
