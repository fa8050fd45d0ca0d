package cache

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzDecode: whatever a cache directory holds (another version's files, a torn
// write, a hostile file), reading an entry, a pack or the file index never panics, and
// what decodes encodes back to itself.
func FuzzDecode(f *testing.F) {
	entry := encodeEntry(nil, sampleEntry())
	f.Add(entry)
	f.Add(encodePack(nil, map[Key][]byte{{1}: entry, {2}: nil}))
	f.Add(encodeIndex(nil, map[string]indexRecord{"Dockerfile": {stat: fileStat{size: 7, present: true, id: fileID{1, 2, 3}}, hash: "h"}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		if e, err := decodeEntry(data); err == nil {
			again, err := decodeEntry(encodeEntry(nil, e))
			if err != nil {
				t.Fatalf("a decoded entry does not decode once encoded: %v", err)
			}
			if diff := cmp.Diff(e, again, compareSources); diff != "" {
				t.Fatalf("entry round trip (-first +second):\n%s", diff)
			}
		}
		if p, err := decodePack(data); err == nil {
			if _, err := decodePack(encodePack(nil, p)); err != nil {
				t.Fatalf("a decoded pack does not decode once encoded: %v", err)
			}
		}
		if x, err := decodeIndex(data); err == nil {
			if _, err := decodeIndex(encodeIndex(nil, x)); err != nil {
				t.Fatalf("a decoded index does not decode once encoded: %v", err)
			}
		}
	})
}
