package cache

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"io"
	"os"
	"sync"
)

// Executable identifies the running binary for cache keys: its Go build ID, which
// changes with any change to the code or the build (the version alone does not: a
// development build is "dev", or a pseudo-version that a dirty tree shares). Without
// a build ID (stripped with -buildid=) it is the hash of the whole executable. "" when
// neither can be read: the caller must not cache.
func Executable() string {
	exeOnce.Do(func() { exeID = executableID() })
	return exeID
}

var (
	exeOnce sync.Once
	exeID   string
)

func executableID() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if id := buildID(exe); id != "" {
		return "buildid:" + id
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close() //nolint:errcheck // read-only
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// buildID reads the Go build ID of the executable at path, as `go tool buildid` does:
// the ELF note, or the marker the linker writes near the start of the text segment.
func buildID(path string) string {
	if f, err := elf.Open(path); err == nil {
		defer f.Close() //nolint:errcheck // read-only
		if s := f.Section(".note.go.buildid"); s != nil {
			if data, err := s.Data(); err == nil && len(data) >= 16 {
				namesz := f.ByteOrder.Uint32(data[0:])
				descsz := f.ByteOrder.Uint32(data[4:])
				off := 12 + (int(namesz)+3)&^3
				if off+int(descsz) <= len(data) && descsz > 0 {
					return string(data[off : off+int(descsz)])
				}
			}
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close() //nolint:errcheck // read-only
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	const prefix, suffix = "\xff Go build ID: \"", "\"\n \xff"
	i := bytes.Index(head, []byte(prefix))
	if i < 0 {
		return ""
	}
	rest := head[i+len(prefix):]
	j := bytes.Index(rest, []byte(suffix))
	if j <= 0 {
		return ""
	}
	return string(rest[:j])
}
