package table

import (
	"math"
	"math/bits"
	"slices"

	"github.com/entente/entente/internal/numfmt"
)

// MaxRun is the most cells a repeating run (Row.Repeating) may hold to be
// remembered.
const MaxRun = 12

// The run cache is direct-mapped, indexed by the top runSlotBits bits of a
// hash of the run's values. 2^11 slots: on the real data a table this size
// finds 92% of the runs that recur within a year among the vote
// measures (20% of the rows) and 97% of the portfolio ones (50%), in
// 0.7 MB.
const (
	runSlotBits = 11
	runSlots    = 1 << runSlotBits
	// maxRunText is the longest text kept (a run's fields, each after a
	// comma): twelve numbers of twenty characters and more.
	maxRunText = 254
)

// The adaptive bypass, as numfmt.Writer's: windows of runProbe runs;
// under runMinHits hits (where a hit saves formatting several numbers, a
// miss costs a hash and a copy) the next runSkip runs are written
// directly.
const (
	runProbe   = 1 << 12
	runMinHits = runProbe / 64
	runSkip    = 1 << 15
)

// Run cell tags, four bits a cell in runCache.tags: 0 ends the run, so a
// tag word also holds the run's length.
const (
	tagInt   = 1
	tagFloat = 2
	tagNull  = 3
)

// runCache remembers the CSV text of recent repeating runs, keyed by the
// exact values of their cells (integers, the bits of numbers, missing):
// the same values always make the same text, so a hit is the text the
// cells would be written as.
type runCache struct {
	probe, hits, skip uint32
	vals              [runSlots][MaxRun]uint64
	tags              [runSlots]uint64 // 0 for an empty slot
	lens              [runSlots]uint8
	texts             [runSlots][maxRunText]byte
}

// runKey returns the tags and values of cells and a hash of them, or ok
// false when the cells cannot be remembered (a text, a group, too many).
func runKey(cells []Cell, vals *[MaxRun]uint64) (tags, h uint64, ok bool) {
	if len(cells) == 0 || len(cells) > MaxRun {
		return 0, 0, false
	}
	h = uint64(len(cells))
	for i := range cells {
		c := &cells[i]
		var tag, v uint64
		switch {
		case c.Group != nil:
			return 0, 0, false
		case c.Null:
			tag = tagNull
		case c.Kind == Int:
			tag, v = tagInt, uint64(c.Int)
		case c.Kind == Float:
			tag, v = tagFloat, math.Float64bits(c.Float)
		default:
			return 0, 0, false
		}
		tags |= tag << (4 * i)
		vals[i] = v
		// Rotated and folded with one-cycle operations, multiplied once
		// at the end (a chain of multiplications, one a cell, cost more
		// than a table miss saves).
		h ^= bits.RotateLeft64(v, 11*i)
	}
	return tags, (h ^ tags) * 0x9e3779b97f4a7c15, true
}

// append appends the cells' fields, each after a comma (the first only
// when lead is set), from the cache when the same values were written
// recently, else formatted by nf and remembered.
func (rc *runCache) append(buf []byte, cells []Cell, nf *numfmt.Writer, lead bool) []byte {
	if rc.skip > 0 {
		rc.skip--
		return appendCells(buf, cells, nf, lead)
	}
	var vals [MaxRun]uint64
	tags, h, ok := runKey(cells, &vals)
	if !ok {
		return appendCells(buf, cells, nf, lead)
	}
	if rc.probe++; rc.probe == runProbe {
		if rc.hits < runMinHits {
			rc.skip = runSkip
		}
		rc.probe, rc.hits = 0, 0
	}
	k := h >> (64 - runSlotBits)
	n := len(cells)
	if rc.tags[k] == tags && slices.Equal(rc.vals[k][:n], vals[:n]) {
		rc.hits++
		text := rc.texts[k][:rc.lens[k]]
		if !lead {
			text = text[1:]
		}
		return append(buf, text...)
	}
	start := len(buf)
	buf = appendCells(buf, cells, nf, true)
	text := buf[start:]
	if len(text) <= maxRunText {
		rc.tags[k], rc.vals[k], rc.lens[k] = tags, vals, uint8(len(text))
		copy(rc.texts[k][:], text)
	}
	if !lead {
		// Written with its comma to be remembered that way.
		buf = append(buf[:start], text[1:]...)
	}
	return buf
}
