// Package bytesize writes a size limit the way a person sets one: in the largest
// binary unit that divides it.
package bytesize

import "fmt"

// Format writes n as "4 MiB", "512 KiB", "1 GiB", or "100-byte" when no unit divides
// it (as in "the 100-byte limit").
func Format(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d-byte", n)
}
