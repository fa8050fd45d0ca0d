//go:build !linux

package readfile

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// Read returns the content of the file at path, following symbolic links, or
// ErrTooLarge when the file holds more than limit bytes.
func Read(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close() //nolint:errcheck // read-only
	size := int64(0)
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		size = info.Size()
	}
	b := bytes.NewBuffer(make([]byte, 0, min(size, limit)+1))
	if _, err := io.Copy(b, io.LimitReader(f, limit+1)); err != nil {
		return nil, err
	}
	if int64(b.Len()) > limit {
		return nil, fmt.Errorf("%s: %w", path, ErrTooLarge)
	}
	return b.Bytes(), nil
}
