//go:build !linux

package cache

import (
	"bytes"
	"io"
	"io/fs"
	"os"
)

// readWhole reads the file at path into buf (grown when too small): its content when
// it is a regular file, else only its type. fs.ErrNotExist when it does not exist.
func readWhole(path string, buf []byte, limit int64) ([]byte, fileStat, fs.FileMode, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileStat{}, 0, err
	}
	defer f.Close() //nolint:errcheck // read-only
	info, err := f.Stat()
	if err != nil {
		return nil, fileStat{}, 0, err
	}
	st := fileStat{size: info.Size(), mtime: info.ModTime(), present: true}
	if !info.Mode().IsRegular() {
		return nil, st, info.Mode().Type() | fs.ModeIrregular, nil
	}
	if info.Size() > limit {
		return nil, st, 0, errTooLarge
	}
	b := bytes.NewBuffer(buf[:0])
	if _, err := io.Copy(b, io.LimitReader(f, limit+1)); err != nil {
		return nil, st, 0, err
	}
	if int64(b.Len()) > limit {
		return nil, st, 0, errTooLarge
	}
	return b.Bytes(), st, 0, nil
}

// statPath returns the state of the file at path, following symbolic links; its id is
// unknown here, so the file index (index.go) is not used.
func statPath(path string) (fileStat, error) {
	info, err := os.Stat(path)
	if err != nil {
		return fileStat{}, err
	}
	return fileStat{size: info.Size(), mtime: info.ModTime(), present: true}, nil
}
