// Package imageref splits a container image reference into its parts, as docker and
// BuildKit read it (github.com/distribution/reference). The Dockerfile and Compose
// parsers both describe images with these parts.
package imageref

import "github.com/distribution/reference"

// Ref is an image reference split into its parts.
type Ref struct {
	Registry   string // docker.io when none is written
	Repository string // path without the registry, e.g. library/alpine
	Name       string // familiar name, e.g. alpine or ghcr.io/o/r
	Tag        string
	Digest     string
}

// Parse splits ref, normalised as docker normalises it (alpine is
// docker.io/library/alpine). ok is false when ref is not a valid reference.
func Parse(ref string) (r Ref, ok bool) {
	named, err := reference.ParseNormalizedNamed(ref)
	if err != nil {
		return Ref{}, false
	}
	r = Ref{
		Registry:   reference.Domain(named),
		Repository: reference.Path(named),
		Name:       reference.FamiliarName(named),
	}
	if t, ok := named.(reference.Tagged); ok {
		r.Tag = t.Tag()
	}
	if d, ok := named.(reference.Digested); ok {
		r.Digest = d.Digest().String()
	}
	return r, true
}
