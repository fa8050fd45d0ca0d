package dockerfile

import (
	"strings"

	"github.com/distribution/reference"
)

// parseImage splits a FROM reference. A reference that names an earlier stage is that
// stage, not an image. A reference with ARGs is expanded with the global ARG defaults
// (as BuildKit does for FROM) before it is split; if that is impossible the parts that
// can be read are kept and Variables says so.
func (b *builder) parseImage(raw string) Image {
	img := Image{Raw: raw, Variables: strings.Contains(raw, "$")}
	if j, ok := b.stageIndex(raw, len(b.in.Stages)); ok && !img.Variables {
		img.Stage = &j
		return img
	}
	ref := raw
	if img.Variables {
		ref = b.scope.expandGlobal(raw)
		if ref == "" {
			// The ARG defaults make the reference empty: the build fails without a
			// --build-arg, which BuildKit reports as InvalidDefaultArgInFrom.
			img.Invalid = true
			return img
		}
		if strings.Contains(ref, "$") {
			return img
		}
		if j, ok := b.stageIndex(ref, len(b.in.Stages)); ok {
			img.Stage = &j
			return img
		}
	}
	if strings.EqualFold(ref, "scratch") {
		img.Scratch = true
		img.Name = "scratch"
		return img
	}
	named, err := reference.ParseNormalizedNamed(ref)
	if err != nil {
		img.Invalid = true
		return img
	}
	img.Registry = reference.Domain(named)
	img.Repository = reference.Path(named)
	img.Name = reference.FamiliarName(named)
	if t, ok := named.(reference.Tagged); ok {
		img.Tag = t.Tag()
	}
	if d, ok := named.(reference.Digested); ok {
		img.Digest = d.Digest().String()
	}
	return img
}
