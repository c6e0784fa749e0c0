package entente

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Day is 24 hours. Pact clauses speak in days (notice periods, dispute
// deadlines); Entente does not model calendars or time zones in them.
const Day = 24 * time.Hour

// Period is a length of time in an agreement: a notice period, a voting
// window, a dispute deadline. In JSON and on the command line it is written
// "30d", "36h", "90m" or any Go duration; whole days print as "Nd".
type Period time.Duration

// Days returns a Period of n days.
func Days(n int) Period { return Period(time.Duration(n) * Day) }

// Duration returns p as a time.Duration.
func (p Period) Duration() time.Duration { return time.Duration(p) }

// String formats p as "Nd" when it is a whole number of days, otherwise as a
// Go duration.
func (p Period) String() string {
	d := time.Duration(p)
	if d != 0 && d%Day == 0 {
		return strconv.FormatInt(int64(d/Day), 10) + "d"
	}
	return d.String()
}

// ParsePeriod parses "30d", "1.5d" is not allowed; days must be whole. Any Go
// duration ("36h", "90m") is accepted too. Negative periods are refused.
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	var d time.Duration
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil {
			return 0, fmt.Errorf("expected a period such as 30d or 36h, got %q", s)
		}
		d = time.Duration(days) * Day
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("expected a period such as 30d or 36h, got %q", s)
		}
	}
	if d < 0 {
		return 0, fmt.Errorf("expected a period that is not negative, got %q", s)
	}
	return Period(d), nil
}

// MarshalJSON writes p as a string such as "30d".
func (p Period) MarshalJSON() ([]byte, error) { return json.Marshal(p.String()) }

// UnmarshalJSON reads a string period ("30d", "36h") or a number of days.
func (p *Period) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var days int
		if err := json.Unmarshal(b, &days); err != nil {
			return fmt.Errorf("expected a period such as \"30d\", got %s", b)
		}
		s = strconv.Itoa(days) + "d"
	}
	v, err := ParsePeriod(s)
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// canonicalTime returns t in UTC without a monotonic reading, so that a time
// written to the log and read back compares equal and encodes identically.
func canonicalTime(t time.Time) time.Time { return t.Round(0).UTC() }
