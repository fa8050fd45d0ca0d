package readfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRead: content as os.ReadFile gives it, at the limit and past it, and the errors
// os.ReadFile gives, word for word (they reach the user).
func TestRead(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := strings.Repeat("RUN echo hello\n", 10000)
	for _, p := range []string{write("empty", ""), write("small", "FROM alpine\n"), write("big", big)} {
		got, err := Read(p, int64(len(big)))
		want, _ := os.ReadFile(p)
		if err != nil || string(got) != string(want) {
			t.Errorf("%s: %d bytes, %v; want %d bytes", p, len(got), err, len(want))
		}
	}
	p := write("over", "0123456789")
	if _, err := Read(p, 10); err != nil {
		t.Errorf("a file of exactly the limit: %v", err)
	}
	if _, err := Read(p, 9); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), p) {
		t.Errorf("a file over the limit: %v", err)
	}
	for _, p := range []string{filepath.Join(dir, "missing"), dir} {
		_, err := Read(p, 100)
		_, want := os.ReadFile(p)
		if err == nil || want == nil || err.Error() != want.Error() {
			t.Errorf("%s: error %v, os.ReadFile says %v", p, err, want)
		}
	}
}
