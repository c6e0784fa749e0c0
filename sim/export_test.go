package sim

// Baseline returns o with the hot paths of issue 14's second pass off
// (the ranking with explanation text, and the other fast paths that
// change no output), for the benchmarks' side-by-side baseline in the
// external test package.
func Baseline(o Options) Options { o.slow = true; return o }

// CPUSeconds is cpuTime in seconds, for the external test package.
func CPUSeconds() float64 { return cpuTime().Seconds() }
