package atomicfile

import (
	"errors"
	"syscall"
)

// isUnsupported reports errors of systems that cannot sync a folder.
func isUnsupported(err error) bool {
	return errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) || errors.Is(err, syscall.EBADF)
}
