package cmdline

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// BuildInfo describes a build from what runtime/debug.ReadBuildInfo
// returns (bi, ok): the module's version ("(devel)" when unset) and path,
// the VCS revision with "(modified)" when the tree had changes, the VCS
// time and the Go version.
func BuildInfo(program string, bi *debug.BuildInfo, ok bool) string {
	if !ok {
		return program + ": no build information in this binary\n"
	}
	var b strings.Builder
	version := bi.Main.Version
	if version == "" {
		version = "(devel)"
	}
	fmt.Fprintf(&b, "%s %s\nmodule   %s\n", program, version, bi.Main.Path)
	settings := map[string]string{}
	for _, s := range bi.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		if settings["vcs.modified"] == "true" {
			rev += " (modified)"
		}
		fmt.Fprintf(&b, "revision %s\n", rev)
	}
	if t := settings["vcs.time"]; t != "" {
		fmt.Fprintf(&b, "time     %s\n", t)
	}
	fmt.Fprintf(&b, "go       %s\n", bi.GoVersion)
	return b.String()
}
