package entente

// dueIndex will index what comes due.
type dueIndex struct{}
