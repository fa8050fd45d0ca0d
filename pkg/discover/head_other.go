//go:build !linux

package discover

import (
	"io"
	"os"
)

// readHeadInto reads the start of the file at path into buf, as much as buf holds, and
// returns what it read; nil when the file cannot be opened. A read error ends the head
// where it happened.
func readHeadInto(path string, buf []byte) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close() //nolint:errcheck // read-only
	n, _ := io.ReadFull(f, buf)
	return buf[:n]
}
