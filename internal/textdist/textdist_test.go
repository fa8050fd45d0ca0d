package textdist

import "testing"

func TestLevenshtein(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"severity", "severity", 0},
		{"severty", "severity", 1},         // a deletion
		{"enabled", "enabeld", 2},          // a transposition is two edits
		{"options", "optionz", 1},          // a substitution
		{"kitten", "sitting", 3},           // the textbook pair
		{"dl3008", "dl3009", 1},            // case already folded by the caller
		{"DL3008", "dl3008", 2},            // bytes are compared as they are
		{"user-root", "user-rootless", 4},  // insertions at the end
		{"image-tag-latest", "latest", 10}, // deletions at the start
	}
	for _, tc := range tests {
		if got := Levenshtein(tc.a, tc.b); got != tc.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := Levenshtein(tc.b, tc.a); got != tc.want {
			t.Errorf("Levenshtein(%q, %q) = %d, want %d (not symmetric)", tc.b, tc.a, got, tc.want)
		}
	}
}
