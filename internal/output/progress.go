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

// Stages shows one progress bar per stage of a long computation on
// stderr, hidden when quiet or when stderr is not a terminal. Progress is
// the callback such a computation takes; Finish ends the last bar.
type Stages struct {
	stderr io.Writer
	quiet  bool
	names  map[string]string // what each stage is called on its bar
	stage  string
	bar    *progressbar.ProgressBar
}

// NewStages returns the bars of the stages names describes (stage → what
// its bar says).
func NewStages(stderr io.Writer, quiet bool, names map[string]string) *Stages {
	return &Stages{stderr: stderr, quiet: quiet, names: names}
}

// Progress reports that done of total steps of stage are done.
func (s *Stages) Progress(stage string, done, total int) {
	if stage != s.stage {
		s.Finish()
		s.stage = stage
		s.bar = NewBar(s.stderr, s.quiet, total, s.names[stage])
	}
	s.bar.Set(done)
}

// Finish ends the current bar.
func (s *Stages) Finish() {
	if s.bar != nil {
		s.bar.Finish()
		s.bar = nil
	}
}
