package imageref

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	digest := "sha256:" + strings.Repeat("ab", 32)
	tests := []struct {
		ref  string
		want Ref
		ok   bool
	}{
		{"alpine", Ref{Registry: "docker.io", Repository: "library/alpine", Name: "alpine"}, true},
		{"alpine:3.20", Ref{Registry: "docker.io", Repository: "library/alpine", Name: "alpine", Tag: "3.20"}, true},
		{"docker.io/library/alpine:3.20", Ref{Registry: "docker.io", Repository: "library/alpine", Name: "alpine", Tag: "3.20"}, true},
		{"bitnami/redis:7", Ref{Registry: "docker.io", Repository: "bitnami/redis", Name: "bitnami/redis", Tag: "7"}, true},
		{"ghcr.io/o/r:v1", Ref{Registry: "ghcr.io", Repository: "o/r", Name: "ghcr.io/o/r", Tag: "v1"}, true},
		{"localhost:5000/app", Ref{Registry: "localhost:5000", Repository: "app", Name: "localhost:5000/app"}, true},
		{"nginx@" + digest, Ref{Registry: "docker.io", Repository: "library/nginx", Name: "nginx", Digest: digest}, true},
		{"nginx:1.27@" + digest, Ref{Registry: "docker.io", Repository: "library/nginx", Name: "nginx", Tag: "1.27", Digest: digest}, true},
		{"", Ref{}, false},
		{"Alpine", Ref{}, false},          // repository names are lower case
		{"alpine:", Ref{}, false},         // an empty tag
		{"alpine@sha256:x", Ref{}, false}, // a malformed digest
		{"a b", Ref{}, false},
	}
	for _, tc := range tests {
		got, ok := Parse(tc.ref)
		if ok != tc.ok {
			t.Errorf("Parse(%q) ok = %v, want %v", tc.ref, ok, tc.ok)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Parse(%q) (-want +got):\n%s", tc.ref, diff)
		}
	}
}
