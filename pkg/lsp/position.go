package lsp

import (
	"net/url"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/infralint/infralint/pkg/model"
)

// toLSP converts a model range (1-based lines, 1-based columns in code points, end
// exclusive) into an LSP range (0-based lines, 0-based characters in UTF-16 code units,
// end exclusive) on src's lines. Columns past the end of a line stop at its end; a
// range is never inverted.
func toLSP(src *model.Source, r model.Range) lspRange {
	start := toPosition(src, r.Start)
	end := toPosition(src, r.End)
	if end.Line < start.Line || (end.Line == start.Line && end.Character < start.Character) {
		end = start
	}
	return lspRange{Start: start, End: end}
}

func toPosition(src *model.Source, p model.Position) position {
	line := max(p.Line, 1)
	text := ""
	if src != nil {
		if n := src.LineCount(); line > n && n > 0 {
			// Past the last line (an end at the file's end): the end of the last line.
			return position{Line: n - 1, Character: utf16Len(src.Line(n))}
		}
		text = src.Line(line)
	}
	return position{Line: line - 1, Character: utf16Column(text, max(p.Column, 1))}
}

// utf16Column is the 0-based UTF-16 offset of the 1-based code-point column col on
// text, clamped to the end of the line.
func utf16Column(text string, col int) int {
	n, units := 1, 0
	for _, r := range text {
		if n >= col {
			break
		}
		units += utf16Width(r)
		n++
	}
	return units // a column past the line's last character stops at its end
}

func utf16Len(text string) int {
	units := 0
	for _, r := range text {
		units += utf16Width(r)
	}
	return units
}

// utf16Width is how many UTF-16 code units r takes: two outside the Basic Multilingual
// Plane (and for an invalid byte, which UTF-8 decoding turns into U+FFFD: one).
func utf16Width(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// uriToPath turns a file: URI into a path. ok is false for other schemes (an unsaved
// "untitled:" buffer).
func uriToPath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return "", false
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/") // /C:/x → C:/x
	}
	return filepath.FromSlash(p), true
}

// pathToURI turns an absolute path into a file: URI.
func pathToURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
