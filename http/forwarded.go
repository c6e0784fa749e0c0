package http

import (
	"fmt"
	"net/netip"
	"strings"
)

// ProxyHeader is the header a trusted proxy names the client in
// (Config.ProxyHeader). Only the one chosen is read: a proxy sanitises
// the header it writes, and a client could write the other as it liked.
type ProxyHeader int

const (
	// XForwardedFor is X-Forwarded-For, a list of addresses each proxy
	// appends the one it received the request from to (the default).
	XForwardedFor ProxyHeader = iota
	// Forwarded is RFC 7239's Forwarded, whose elements each proxy
	// appends one of, naming the address it received the request from as
	// for=.
	Forwarded
)

// proxyHeaderNames are ProxyHeader's names, as ParseProxyHeader reads them.
var proxyHeaderNames = [...]string{XForwardedFor: "x-forwarded-for", Forwarded: "forwarded"}

// String returns h's name: x-forwarded-for or forwarded.
func (h ProxyHeader) String() string {
	if h < 0 || int(h) >= len(proxyHeaderNames) {
		return fmt.Sprintf("ProxyHeader(%d)", int(h))
	}
	return proxyHeaderNames[h]
}

// ParseProxyHeader reads a ProxyHeader's name (x-forwarded-for or
// forwarded, in any case).
func ParseProxyHeader(name string) (ProxyHeader, error) {
	for h, n := range proxyHeaderNames {
		if strings.EqualFold(name, n) {
			return ProxyHeader(h), nil
		}
	}
	return 0, fmt.Errorf("expected x-forwarded-for or forwarded, got %q", name)
}

// forwardedFors reads the lines of a Forwarded header (RFC 7239 §4) and
// returns the for= value of each of its elements in order, "" for an
// element that has none. Elements are separated by commas, and their
// parameters by semicolons (either with optional white space around);
// a parameter is a token, "=" and a token or quoted string; names are
// case-insensitive. Empty elements are skipped, as RFC 9110 §5.6.1 asks
// of a list's recipient. ok is false when a line does not parse, or an
// element names for= twice: the header as a whole must parse, for a
// quoted string may hold a comma, so that its elements cannot be told
// apart otherwise. Each line is read apart (a quoted string does not
// run on into the next).
func forwardedFors(lines []string) (fors []string, ok bool) {
	for _, line := range lines {
		if fors, ok = appendForwardedFors(fors, line); !ok {
			return nil, false
		}
	}
	return fors, true
}

// appendForwardedFors appends the for= values of line's elements to fors.
func appendForwardedFors(fors []string, line string) ([]string, bool) {
	i := skipOWS(line, 0)
	for i < len(line) {
		if line[i] == ',' { // an empty element
			i = skipOWS(line, i+1)
			continue
		}
		var (
			forValue string
			hasFor   bool
		)
		for i < len(line) && line[i] != ',' {
			if line[i] == ';' { // an empty parameter
				i = skipOWS(line, i+1)
				continue
			}
			name, value, next, ok := forwardedPair(line, i)
			if !ok {
				return nil, false
			}
			if strings.EqualFold(name, "for") {
				if hasFor {
					return nil, false // which one? (RFC 7239 §4: at most once)
				}
				forValue, hasFor = value, true
			}
			i = skipOWS(line, next)
			switch {
			case i == len(line), line[i] == ',':
			case line[i] == ';':
				i = skipOWS(line, i+1)
			default:
				return nil, false
			}
		}
		fors = append(fors, forValue)
		if i < len(line) {
			i = skipOWS(line, i+1) // past the comma
		}
	}
	return fors, true
}

// forwardedPair reads the parameter at line[i:], token "=" value, and
// returns its name, its value (a quoted string's unquoted) and where it
// ends.
func forwardedPair(line string, i int) (name, value string, next int, ok bool) {
	j := tokenEnd(line, i)
	if j == i || j == len(line) || line[j] != '=' {
		return "", "", 0, false
	}
	name, i = line[i:j], j+1
	if i < len(line) && line[i] == '"' {
		value, next, ok = quotedString(line, i)
		return name, value, next, ok
	}
	j = tokenEnd(line, i)
	if j == i {
		return "", "", 0, false
	}
	return name, line[i:j], j, true
}

// tokenEnd returns where the token (RFC 9110 §5.6.2) starting at s[i:]
// ends: i when there is none.
func tokenEnd(s string, i int) int {
	for i < len(s) && tchar(s[i]) {
		i++
	}
	return i
}

func tchar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// quotedString reads the quoted string (RFC 9110 §5.6.4) starting at
// s[i], a '"', and returns its value unquoted and where it ends.
func quotedString(s string, i int) (value string, next int, ok bool) {
	var b strings.Builder
	start := i + 1
	for i = start; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			if b.Len() == 0 { // no escapes: s holds the value as it is
				return s[start:i], i + 1, true
			}
			b.WriteString(s[start:i])
			return b.String(), i + 1, true
		case c == '\\':
			if i+1 == len(s) || !quotable(s[i+1]) {
				return "", 0, false
			}
			b.WriteString(s[start:i])
			b.WriteByte(s[i+1])
			i++
			start = i + 1
		case !qdtext(c):
			return "", 0, false
		}
	}
	return "", 0, false // no closing quote
}

// qdtext reports whether c may stand unescaped in a quoted string.
func qdtext(c byte) bool {
	return c == '\t' || c == ' ' || c == 0x21 || 0x23 <= c && c <= 0x5b || 0x5d <= c && c != 0x7f
}

// quotable reports whether c may follow a backslash in a quoted string.
func quotable(c byte) bool {
	return c == '\t' || c == ' ' || 0x21 <= c && c != 0x7f
}

// skipOWS returns where the optional white space at s[i:] ends.
func skipOWS(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// forwardedNode reads a for= value (RFC 7239 §6): an IPv4 address or an
// IPv6 address in brackets, either with an optional port (the port a
// number of up to five digits or obfuscated, _abc). ok is false for
// "unknown" and obfuscated identifiers (_hidden), which name no address,
// and for anything else.
func forwardedNode(v string) (netip.Addr, bool) {
	host, port, bracketed := v, "", strings.HasPrefix(v, "[")
	if bracketed {
		end := strings.IndexByte(v, ']')
		if end < 0 {
			return netip.Addr{}, false
		}
		host, port = v[1:end], v[end+1:]
		if port != "" {
			if port[0] != ':' {
				return netip.Addr{}, false
			}
			port = port[1:]
			if !nodePort(port) {
				return netip.Addr{}, false
			}
		}
	} else if h, p, found := strings.Cut(v, ":"); found {
		if !nodePort(p) {
			return netip.Addr{}, false
		}
		host = h
	}
	a, err := netip.ParseAddr(host)
	if err != nil || a.Zone() != "" || a.Is6() != bracketed {
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}

// nodePort reports whether p is a node-port of RFC 7239 §6: one to five
// digits, or "_" and one or more letters, digits, ".", "_" or "-".
func nodePort(p string) bool {
	if strings.HasPrefix(p, "_") {
		return len(p) > 1 && strings.Trim(p[1:], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == ""
	}
	return 1 <= len(p) && len(p) <= 5 && strings.Trim(p, "0123456789") == ""
}
