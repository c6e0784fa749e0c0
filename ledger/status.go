package ledger

import "fmt"

// Status says in words how the log fared in Verify: "ok", "ok (the
// operator's record)", "ok (proofs only: N entries redacted for you)" or
// the first entry that does not match and why.
func (r LogReport) Status() string { return status(r.OK(), r.Attested, r.Redacted, r.Index, r.Problem) }

// Status says in words how the log fared in a monitor's run, as
// LogReport.Status does.
func (r MonitorReport) Status() string {
	return status(r.OK(), r.Attested, r.Redacted, r.Index, r.Problem)
}

func status(ok, attested bool, redacted int, index int64, problem string) string {
	switch {
	case !ok:
		return fmt.Sprintf("entry %d: %s", index, problem)
	case redacted > 0:
		return fmt.Sprintf("ok (proofs only: %d entries redacted for you)", redacted)
	case attested:
		return "ok (the operator's record)"
	}
	return "ok"
}
