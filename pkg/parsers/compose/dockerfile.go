package compose

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"gopkg.in/yaml.v3"

	"github.com/infralint/infralint/pkg/model"
)

// LinkedDockerfile is the Dockerfile a service's `build:` reads, as the parser found
// it: read from inside the project directory (the same boundary as every other file
// of the project), or written inline with `dockerfile_inline`. The lint pipeline parses
// it, lints it with the Dockerfile rules when the run does not already, and hands it
// with the service to the cross-artifact rules.
type LinkedDockerfile struct {
	// Path names the file as findings do (relative to the main file's directory as
	// the user gave it); for an inline Dockerfile, the Compose file that holds it.
	Path string
	// Abs is the file's absolute path; empty for an inline Dockerfile.
	Abs string
	// Src is the Dockerfile's text.
	Src    []byte
	Inline bool
	// For an inline Dockerfile: Key is the range of the dockerfile_inline entry. Line is
	// the line of the Compose file that holds the Dockerfile's first line when the
	// value is a literal block scalar (`|`), whose lines map one to one; 0 otherwise.
	// Indent is the number of columns before each of those lines.
	Key    model.Range
	Line   int
	Indent int
}

// MapRange maps a range of an inline Dockerfile to the Compose file that holds it: the
// same lines shifted into the block scalar, or the dockerfile_inline entry when the
// lines cannot be mapped.
func (d *LinkedDockerfile) MapRange(r model.Range) model.Range {
	if !d.Inline {
		return r
	}
	if d.Line == 0 || !r.Valid() {
		return d.Key
	}
	return model.Range{
		Start: model.Position{Line: d.Line + r.Start.Line - 1, Column: d.Indent + r.Start.Column},
		End:   model.Position{Line: d.Line + r.End.Line - 1, Column: d.Indent + r.End.Column},
	}
}

// linkDockerfile finds the Dockerfile of a service's build. A missing one is noted in
// the build's input, for a rule to report: the Compose file itself was read. One that
// is unreadable or outside the project directory is an error at the service's build
// key; a remote build context (a Git URL) has no Dockerfile to read and is skipped.
func (p *project) linkDockerfile(l *locator, sp string, b *types.BuildConfig, out *Build) *LinkedDockerfile {
	if b.DockerfileInline != "" {
		t := l.resolve(sp + "/build/dockerfile_inline")
		f := p.files[t.file]
		d := &LinkedDockerfile{Path: f.display, Src: []byte(b.DockerfileInline), Inline: true, Key: t.rng}
		if n := deref(f.lookup(t.ptr)); n != nil && n.Kind == yaml.ScalarNode && n.Style&yaml.LiteralStyle != 0 {
			d.Line = n.Line + 1
			for i := d.Line; i <= f.src.LineCount(); i++ {
				if text := f.src.Line(i); strings.TrimSpace(text) != "" {
					d.Indent = len(text) - len(strings.TrimLeft(text, " "))
					break
				}
			}
			if d.Line > f.src.LineCount() {
				d.Line = 0
			}
		}
		return d
	}
	if b.Dockerfile == "" || isRemote(b.Context) || isRemote(b.Dockerfile) {
		return nil
	}
	ctx := b.Context
	if !filepath.IsAbs(ctx) {
		ctx = filepath.Join(p.dir, ctx)
	}
	path := b.Dockerfile
	if !filepath.IsAbs(path) {
		path = filepath.Join(ctx, path)
	}
	path = filepath.Clean(path)
	data, err := p.readFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		out.DockerfileMissing = p.displayPath(path)
		return nil
	}
	if err != nil {
		msg := fmt.Sprintf("build: Dockerfile %s: %v", p.displayPath(path), err)
		if isRefused(err) {
			msg = fmt.Sprintf("build: Dockerfile %s is outside the project directory: not read", p.displayPath(path))
		}
		t := l.resolve(sp + "/build")
		if t.ptr != "" {
			p.failAt(t.file, t.ptr, msg)
		} else {
			p.fail(p.files[t.file].display, &t.rng, msg)
		}
		return nil
	}
	return &LinkedDockerfile{Path: p.displayPath(path), Abs: path, Src: data}
}
