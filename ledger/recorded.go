package ledger

// Recorded reports whether log holds a signed request with nonce, as this
// service last read the log (Refresh first to count other servers'
// appends): the answer to "was my request stored?" after a nonce
// conflict, which is how a request sent twice, or through two servers at
// once, is refused the second time.
func (s *Service) Recorded(log, nonce string) bool {
	s.writersMu.Lock()
	w := s.writers[log]
	s.writersMu.Unlock()
	if w == nil {
		return false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.nonces[nonce]
}
