package wire_test

import (
	"encoding/json"
	"fmt"

	"github.com/entente/entente/wire"
)

// An error answer of the API, as the client reads it.
func ExampleErrorBody() {
	var e wire.ErrorBody
	body := `{"error":{"code":"not_found","field":"pact","message":"no pact \"x\""}}`
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		panic(err)
	}
	fmt.Println(e.Error.Code, e.Error.Field, e.Error.Message)
	// Output: not_found pact no pact "x"
}
