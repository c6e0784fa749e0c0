package coalition

import "math/bits"

func popcount(s uint64) int { return bits.OnesCount64(s) }
