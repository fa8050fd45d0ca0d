package cache

import (
	"io/fs"
	"syscall"
	"time"
)

// readWhole reads the file at path into buf (grown when too small): its content when
// it is a regular file, else only its type. fs.ErrNotExist when it does not exist.
// It uses the system calls directly: os.Open registers every file with the network
// poller (an fcntl and an epoll_ctl each), which a warm run, whose work is opening
// thousands of small files, pays for in full.
func readWhole(path string, buf []byte, limit int64) ([]byte, fileStat, fs.FileMode, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err == syscall.ENOENT {
		return nil, fileStat{}, 0, fs.ErrNotExist
	}
	if err != nil {
		return nil, fileStat{}, 0, err
	}
	defer syscall.Close(fd) //nolint:errcheck // read-only
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, fileStat{}, 0, err
	}
	fst := statFromSys(&st)
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		t := fs.ModeIrregular
		if st.Mode&syscall.S_IFMT == syscall.S_IFDIR {
			t = fs.ModeDir
		}
		return nil, fst, t, nil
	}
	if st.Size > limit {
		return nil, fst, 0, errTooLarge
	}
	if int64(cap(buf)) < st.Size+1 {
		buf = make([]byte, 0, st.Size+1)
	}
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, fst, 0, err
		}
		if n == 0 {
			return buf, fst, 0, nil
		}
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, fst, 0, errTooLarge
		}
	}
}

// statPath returns the state of the file at path, following symbolic links, as
// readWhole would find it; fs.ErrNotExist when it does not exist.
func statPath(path string) (fileStat, error) {
	var st syscall.Stat_t
	var err error
	for {
		err = syscall.Stat(path, &st)
		if err != syscall.EINTR {
			break
		}
	}
	if err == syscall.ENOENT {
		return fileStat{}, fs.ErrNotExist
	}
	if err != nil {
		return fileStat{}, err
	}
	return statFromSys(&st), nil
}

func statFromSys(st *syscall.Stat_t) fileStat {
	fst := fileStat{size: st.Size, mtime: time.Unix(st.Mtim.Unix()), present: true}
	if st.Mode&syscall.S_IFMT == syscall.S_IFREG { // only a regular file's content is indexed
		fst.id = fileID{dev: uint64(st.Dev), ino: st.Ino, ctime: st.Ctim.Nano()} //nolint:unconvert // Dev is not uint64 on every architecture
	}
	return fst
}
