package output

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
)

// NewBar is the one progress bar of the long verbs: n steps on stderr,
// described by what, hidden when quiet or when stderr is not a terminal.
func NewBar(stderr io.Writer, quiet bool, n int, what string) *progressbar.ProgressBar {
	return progressbar.NewOptions(n,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetVisibility(!quiet && isTerminal(stderr)),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
