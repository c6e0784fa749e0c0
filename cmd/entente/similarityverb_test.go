package main

import (
	"strings"
	"testing"
)

// TestSimilarityBySession checks the session grouping: contested roll
// calls by default, all of them with --contested=false, the figure pinned
// in panel's TestSessionAgreement (US-UK, session 40: 151 contested roll
// calls, agreement 0.6225), and the flag checks.
func TestSimilarityBySession(t *testing.T) {
	data := dataDir(t)
	r := mustRun(t, 0, "similarity", "votes", "--by", "session", "--from", "40", "--to", "40", "--data", data)
	rows := csvRows(t, r.stdout)
	uk := find(rows, "ccode1", "2", "ccode2", "200")
	if uk == nil || uk["session"] != "40" || uk["year"] != "1985" || uk["contested"] != "1" || uk["n"] != "151" || !strings.HasPrefix(uk["agree"], "0.6225") {
		t.Errorf("US-UK session 40: %v", uk)
	}
	// Session 11 (1956-57) had unanimous roll calls: US and UK share 67
	// roll calls in all, 60 contested ones.
	for _, tc := range []struct{ contested, n string }{{"--contested=false", "67"}, {"--contested=true", "60"}} {
		r = mustRun(t, 0, "similarity", "votes", "--by=session", "--from", "11", "--to", "11", tc.contested, "--data", data)
		row := find(csvRows(t, r.stdout), "ccode1", "2", "ccode2", "200")
		if row == nil || row["n"] != tc.n || row["contested"] != map[string]string{"67": "0", "60": "1"}[tc.n] {
			t.Errorf("US-UK session 11 %s: %v", tc.contested, row)
		}
	}
	// Yearly grouping stays available, and --contested applies there too.
	r = mustRun(t, 0, "similarity", "votes", "--from", "1985", "--to", "1985", "--contested", "--data", data)
	if y := find(csvRows(t, r.stdout), "ccode1", "2", "ccode2", "200"); y == nil || y["year"] != "1985" {
		t.Errorf("US-UK 1985 contested: %v", y)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"similarity", "votes", "--by", "session", "--from", "0", "--data", data}, "--from: session 0 out of range"},
		{[]string{"similarity", "votes", "--by", "session", "--to", "1985", "--data", data}, "--to: session 1985 out of range"},
		{[]string{"similarity", "votes", "--by", "decade", "--data", data}, "--by: expected year or session, got \"decade\""},
		{[]string{"similarity", "portfolio", "--by", "session", "--data", data}, "--by"},
	} {
		r := inProcess(t, tc.args...)
		if r.code == 0 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("entente %s: want a failure naming %q, got %s", strings.Join(tc.args, " "), tc.want, r)
		}
	}
	help := inProcess(t, "similarity", "votes", "--help")
	for _, want := range []string{"--by", "--contested", "Voeten", "session"} {
		if !strings.Contains(help.stdout+help.stderr, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}
