package bytesize

import "testing"

func TestFormat(t *testing.T) {
	for n, want := range map[int64]string{
		4 << 20: "4 MiB", 512 << 10: "512 KiB", 1 << 30: "1 GiB", 3 << 30: "3 GiB",
		1536 << 20: "1536 MiB", 100: "100-byte", 1025: "1025-byte", 0: "0-byte",
	} {
		if got := Format(n); got != want {
			t.Errorf("Format(%d) = %q, want %q", n, got, want)
		}
	}
}
