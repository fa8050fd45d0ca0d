// Package readfile reads a whole file up to a size limit: in one allocation the size of
// the file, and on Linux with the system calls alone. A run reads thousands of small
// files; io.ReadAll grows its buffer from 512 bytes, and os.Open registers every file
// with the network poller (fcntl calls and a failing epoll_ctl), which costs more than
// reading a small file.
package readfile

import "errors"

// ErrTooLarge is returned, wrapped with the path, for a file larger than the limit.
var ErrTooLarge = errors.New("larger than the limit")
