package discover

import "syscall"

// readHeadInto reads the start of the file at path into buf, as much as buf holds, and
// returns what it read; nil when the file cannot be opened. A read error ends the head
// where it happened. It uses the system calls directly: os.Open registers every file
// with the network poller (four fcntl calls and a failing epoll_ctl each), which a walk
// that sniffs thousands of YAML files pays for in full (pkg/cache/read_linux.go reads
// files the same way).
func readHeadInto(path string, buf []byte) []byte {
	fd, err := openReadOnly(path)
	if err != nil {
		return nil
	}
	defer syscall.Close(fd) //nolint:errcheck // read-only
	n := 0
	for n < len(buf) {
		m, err := syscall.Read(fd, buf[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil || m == 0 {
			break
		}
		n += m
	}
	return buf[:n]
}

func openReadOnly(path string) (int, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
