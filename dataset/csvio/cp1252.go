package csvio

import (
	"io"
	"unicode/utf8"
)

// cp1252High maps the bytes 0x80-0x9F of Windows-1252 to Unicode; the bytes
// 0xA0-0xFF coincide with Latin-1 (U+00A0-U+00FF). Undefined bytes map to
// U+FFFD.
var cp1252High = [32]rune{
	'€', '\ufffd', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\ufffd', 'Ž', '\ufffd',
	'\ufffd', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\ufffd', 'ž', 'Ÿ',
}

// windows1252Reader transcodes a Windows-1252 stream to UTF-8.
type windows1252Reader struct {
	r   io.Reader
	in  []byte
	out []byte // transcoded bytes not yet returned
}

// NewWindows1252Reader returns a reader that decodes Windows-1252 text from r
// and yields UTF-8. Some of the shared files (the SIPRI and Maddison CSVs)
// were written by Windows tools in that code page.
func NewWindows1252Reader(r io.Reader) io.Reader {
	return &windows1252Reader{r: r, in: make([]byte, 32<<10)}
}

func (w *windows1252Reader) Read(p []byte) (int, error) {
	for len(w.out) == 0 {
		n, err := w.r.Read(w.in)
		w.transcode(w.in[:n])
		if len(w.out) == 0 && err != nil {
			return 0, err
		}
	}
	n := copy(p, w.out)
	w.out = w.out[n:]
	return n, nil
}

func (w *windows1252Reader) transcode(b []byte) {
	buf := w.out[:0]
	for _, c := range b {
		switch {
		case c < 0x80:
			buf = append(buf, c)
		case c < 0xA0:
			buf = utf8.AppendRune(buf, cp1252High[c-0x80])
		default:
			buf = utf8.AppendRune(buf, rune(c))
		}
	}
	w.out = buf
}

// Windows1252Byte returns the Windows-1252 byte that encodes r, for runes
// that the code page can represent. It is the inverse of the decoding done
// by NewWindows1252Reader, used to undo double encodings.
func Windows1252Byte(r rune) (byte, bool) {
	if r < 0x80 || r >= 0xA0 && r <= 0xFF {
		return byte(r), true
	}
	for i, h := range cp1252High {
		if h == r && h != '\ufffd' {
			return byte(0x80 + i), true
		}
	}
	if r >= 0x80 && r < 0xA0 { // C1 controls, as a Latin-1 decoder leaves them
		return byte(r), true
	}
	return 0, false
}
