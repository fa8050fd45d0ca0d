package dockerfile

import (
	"strings"

	"github.com/infralint/infralint/pkg/imageref"
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
	r, ok := imageref.Parse(ref)
	if !ok {
		img.Invalid = true
		return img
	}
	img.Registry, img.Repository, img.Name, img.Tag, img.Digest = r.Registry, r.Repository, r.Name, r.Tag, r.Digest
	return img
}
