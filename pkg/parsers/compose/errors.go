package compose

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/infralint/infralint/pkg/model"
)

// retry says how to go on after compose-go stopped on an error.
type retry int

const (
	giveUp retry = iota
	retryCut
	retryWithoutValidation
	retryWithoutExtends
	retryWithoutInclude
)

var (
	validatingRe  = regexp.MustCompile(`(?s)^validating (.+?): (\S+) (.*)$`)
	additionalRe  = regexp.MustCompile(`additional propert(?:y|ies) '([^']+)'`)
	extendsRe     = regexp.MustCompile(`service "([^"]+)" in (.+?):`)
	circularRe    = regexp.MustCompile(`(?m)^\s+(\S+) in (.+)$`)
	interpolateRe = regexp.MustCompile(`(?:error while interpolating|failed to cast) ([^:\s]+)`)
	pathFirstRe   = regexp.MustCompile(`^((?:services|networks|volumes|secrets|configs|include)\.[^\s:]+)[ :]`)
)

// loadError reports an error compose-go stopped on, at the line it concerns when the
// message names a place, and says how to go on.
func (p *project) loadError(err error) retry {
	msg := p.displayPaths(err.Error())
	switch {
	case validatingRe.MatchString(msg):
		m := validatingRe.FindStringSubmatch(msg)
		file, path, rest := m[1], m[2], m[3]
		ptr := dotted(path)
		if a := additionalRe.FindStringSubmatch(rest); a != nil {
			ptr += "/" + escape(a[1])
		}
		switch {
		case rest == "false schema":
			rest = "is not a Compose attribute"
		case strings.HasPrefix(rest, "must be a array"):
			rest = "must be an array" + strings.TrimPrefix(rest, "must be a array")
		}
		if p.errorAt(file, ptr, "invalid compose file: "+path+" "+rest) {
			return retryCut
		}
		return retryWithoutValidation
	case strings.Contains(msg, "Circular reference"):
		if m := circularRe.FindStringSubmatch(msg); m != nil && p.errorAt(m[2], "/services/"+escape(m[1])+"/extends", "extends: "+oneLine(msg)) {
			return retryCut
		}
		p.fail(p.path, nil, "extends: "+oneLine(msg))
		return retryWithoutExtends
	case strings.Contains(msg, "cannot extend service"):
		if m := extendsRe.FindStringSubmatch(msg); m != nil && p.errorAt(m[2], "/services/"+escape(m[1])+"/extends", oneLine(msg)) {
			return retryCut
		}
		p.fail(p.path, nil, oneLine(msg))
		return retryWithoutExtends
	case strings.Contains(msg, "include"):
		p.fail(p.path, nil, oneLine(msg))
		if p.skip.include {
			return giveUp
		}
		return retryWithoutInclude
	}
	ptr := ""
	if m := interpolateRe.FindStringSubmatch(msg); m != nil {
		ptr = dotted(m[1])
	} else if m := pathFirstRe.FindStringSubmatch(msg); m != nil {
		ptr = dotted(m[1])
	}
	if ptr != "" && p.errorAt(p.path, ptr, oneLine(msg)) {
		return retryCut
	}
	var r *model.Range
	if m := lineRe.FindStringSubmatch(msg); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil && n >= 1 && n <= p.files[p.mains[0]].src.LineCount() {
			lr := p.files[p.mains[0]].src.LineRange(n, n)
			r = &lr
		}
	}
	p.fail(p.path, r, oneLine(msg))
	return giveUp
}

var lineRe = regexp.MustCompile(`\bline (\d+)\b`)

// errorAt records an error at a pointer of the named file (or of the main file that
// has it: the place in a merged model may come from an earlier file) and cuts the node
// out of what compose-go reads next. It returns false when no file has the place, or
// when it was already cut (a retry would fail the same way).
func (p *project) errorAt(file, ptr, msg string) bool {
	fi := -1
	for i, f := range p.files {
		if (f.display == file || f.abs == file) && f.idx != nil && f.lookup(p.resolveDotted(i, ptr)) != nil {
			fi = i
			break
		}
	}
	if fi < 0 {
		for i := len(p.mains) - 1; i >= 0; i-- {
			if m := p.mains[i]; p.files[m].lookup(p.resolveDotted(m, ptr)) != nil {
				fi = m
				break
			}
		}
	}
	if fi < 0 {
		return false
	}
	raw := p.resolveDotted(fi, ptr)
	f := p.files[fi]
	r := nodeRange(f.idx, raw)
	dup := false
	for _, e := range p.errs {
		if e.File == f.display && e.Range != nil && *e.Range == r && e.Message == msg {
			dup = true
		}
	}
	if !dup {
		p.fail(f.display, &r, msg)
	}
	before := len(p.cuts[fi])
	if f.mainRef.file >= 0 && !slices.Contains(p.mains, fi) {
		before = len(p.cuts[f.mainRef.file])
		p.cut(fi, raw)
		return len(p.cuts[f.mainRef.file]) > before && !containsBefore(p.cuts[f.mainRef.file], f.mainRef.ptr, before)
	}
	if slices.Contains(p.cuts[fi], raw) {
		return false
	}
	p.cut(fi, raw)
	return len(p.cuts[fi]) > before
}

func containsBefore(list []string, s string, n int) bool {
	return slices.Contains(list[:n], s)
}

// dotted turns compose-go's dotted path (services.web.ports.0) into a JSON Pointer.
// Keys that hold dots are resolved against the file by resolveDotted.
func dotted(path string) string {
	if path == "" {
		return ""
	}
	parts := strings.Split(path, ".")
	for i, s := range parts {
		parts[i] = escape(strings.Trim(s, "[]"))
	}
	return "/" + strings.Join(parts, "/")
}

// resolveDotted finds the pointer of file fi that a dotted path means, joining tokens
// again where a key holds dots (labels such as com.example.x).
func (p *project) resolveDotted(fi int, ptr string) string {
	f := p.files[fi]
	if f.lookup(ptr) != nil || ptr == "" {
		return ptr
	}
	tokens := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	n := f.doc
	out := ""
	for i := 0; i < len(tokens) && n != nil; {
		found := false
		for j := len(tokens); j > i; j-- {
			key := unescape(strings.Join(tokens[i:j], "."))
			if c := child(n, key); c != nil {
				out += "/" + escape(key)
				n, i, found = c, j, true
				break
			}
		}
		if !found {
			break
		}
	}
	if out == "" {
		return ptr
	}
	return out
}

// displayPaths replaces the absolute paths in a compose-go message with the paths
// findings use.
func (p *project) displayPaths(msg string) string {
	files := slices.Clone(p.files)
	slices.SortFunc(files, func(a, b *srcFile) int { return len(b.abs) - len(a.abs) })
	for _, f := range files {
		msg = strings.ReplaceAll(msg, f.abs, f.display)
	}
	return strings.ReplaceAll(msg, p.mainDir+"/", p.mainDisplayDir+"/")
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
