// Package compose reads a Compose project the way `docker compose` does — the main
// file merged with its override files, `.env` and `env_file` interpolated, `extends`
// and `include` applied, profiles selected — with compose-spec/compose-go, and turns it
// into the policy input (see Input). compose-go keeps no positions, so every source
// file is also indexed by JSON Pointer (pkg/yamlpos), and each value of the merged model
// is attributed to the file and line that set it: the last override that writes it,
// else the file before it, the `extends` base, the included file.
//
// The parser never uses the network and never reads outside the project directory: a
// remote `include`, or an `include`, `extends.file` or `env_file` that leaves the
// directory, is an error at the line that names it, and is not followed.
package compose

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/sirupsen/logrus"
	"gopkg.in/yaml.v3"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/yamlpos"
)

// Options are the Compose settings of a run (config `compose:`); the zero value reads
// a project as `docker compose` run in the main file's directory would.
type Options struct {
	// Overrides are the files merged over the main file, in order: the files after
	// the first of a `-f` list. nil means the default override beside the main file
	// (compose.override.yaml and its variants) when the main file has a default name;
	// an empty slice means none.
	Overrides []string
	// EnvFiles are the project's env files (`--env-file`), relative to the project
	// directory. nil means .env when it exists.
	EnvFiles []string
	// Environment holds variables of the calling environment; they win over the env
	// files. nil means none: by default a run does not depend on the shell it runs in.
	Environment map[string]string
	// Profiles restricts the services to those of these profiles (and those without
	// a profile). Empty means every service, whatever its profiles.
	Profiles []string
	// ProjectName overrides the project name (`-p`).
	ProjectName string
	// ProjectDir is the project directory (`--project-directory`); default the main
	// file's directory.
	ProjectDir string
	// Root is the directory the project may read files from; default ProjectDir.
	Root string
}

// project is one parse in progress.
type project struct {
	opts           Options
	path           string // main file, as given
	mainDir        string // absolute directory of the main file
	mainDisplayDir string
	dir            string // project directory, absolute
	root           string // read boundary, absolute
	realRoot       string // root with symbolic links resolved
	files          []*srcFile
	byAbs          map[string]int
	mains          []int // base and override files, in merge order
	env            *environ
	vars           []Variable
	errs           []model.FileError
	cuts           map[int][]string // main file → raw pointers left out of what compose-go reads
	// includes and extends record the graph found while scanning, for attribution.
	includes map[int][]int   // file → the files it includes (first path of each entry first)
	extends  map[ref]ref     // (file, /services/name) → the service it extends
	project  *types.Project  // the loaded model
	contents map[int][]byte  // what compose-go reads for each main file
	included map[string]bool // absolute paths reached through include
	skip     struct{ extends, include bool }
}

// Parse reads the Compose project whose main file is path (its contents src, so an
// editor's unsaved buffer can be linted); override, included, extended and env files are
// read from disk. A file that does not parse, a schema violation, an unresolvable
// reference or a missing required variable is an error with its file and line; the
// project is still returned whenever compose-go can load what remains.
func Parse(path string, src []byte, opts Options) (*model.Document, []model.FileError) {
	quietLogs()
	p := &project{
		opts: opts, path: path, byAbs: map[string]int{}, cuts: map[int][]string{},
		includes: map[int][]int{}, extends: map[ref]ref{}, contents: map[int][]byte{},
		included: map[string]bool{},
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, []model.FileError{{File: path, Message: err.Error()}}
	}
	p.mainDir = filepath.Dir(abs)
	p.mainDisplayDir = filepath.Dir(path)
	p.dir = p.mainDir
	if opts.ProjectDir != "" {
		if p.dir, err = filepath.Abs(opts.ProjectDir); err != nil {
			return nil, []model.FileError{{File: path, Message: err.Error()}}
		}
	}
	p.root = p.dir
	if opts.Root != "" {
		if p.root, err = filepath.Abs(opts.Root); err != nil {
			return nil, []model.FileError{{File: path, Message: err.Error()}}
		}
	}
	if real, err := filepath.EvalSymlinks(p.root); err == nil {
		p.realRoot = real
	}

	// The main file first (files[0]), then the environment, then the overrides.
	p.env = newEnviron()
	if _, err := p.addYAML(abs, roleBase, src, p.dir, p.env, ref{file: -1}); err != nil {
		return nil, p.errs
	}
	// The interpolation environment: the env files, then the calling environment.
	for k, v := range opts.Environment {
		p.env.vars[k] = v
	}
	envFiles := opts.EnvFiles
	explicitEnv := envFiles != nil
	if !explicitEnv {
		envFiles = []string{".env"}
	}
	for _, e := range envFiles {
		f := e
		if !filepath.IsAbs(f) {
			f = filepath.Join(p.dir, f)
		}
		p.loadEnvFile(filepath.Clean(f), p.env, opts.Environment, explicitEnv, nil)
	}

	base := p.byAbs[abs]
	if p.files[base].doc == nil {
		r := p.files[base].src.LineRange(1, 1)
		p.fail(path, &r, "empty compose file: it defines no services")
		return nil, p.errs
	}
	p.mains = []int{base}
	p.files[base].mainRef = ref{file: base}
	for _, o := range p.overrides(abs) {
		data, err := p.readFile(o)
		if err != nil {
			p.fail(p.displayPath(o), nil, "override file: "+err.Error())
			continue
		}
		i, err := p.addYAML(o, roleOverride, data, p.dir, p.env, ref{file: -1})
		if err != nil || p.files[i].doc == nil || slices.Contains(p.mains, i) {
			continue // reported; the project is linted without it
		}
		p.files[i].mainRef = ref{file: i}
		p.mains = append(p.mains, i)
	}

	// Everything the main files reference, checked before compose-go reads any of it.
	for _, m := range p.mains {
		p.scanRefs(m, []int{m})
	}
	p.scanVariables()

	if err := p.load(); err != nil {
		return nil, p.errs
	}
	in, loc := p.build()
	doc := &model.Document{
		Kind:      model.KindCompose,
		Path:      path,
		Source:    p.files[base].src,
		Sources:   map[string]*model.Source{},
		Input:     in,
		Locations: loc,
	}
	for i, f := range p.files {
		if i != base {
			doc.Sources[f.display] = f.src
		}
	}
	return doc, p.errs
}

var quietOnce sync.Once

// quietLogs silences logrus, through which compose-go prints warnings (an obsolete
// `version`, an unset variable) straight to stderr. infralint reports them itself.
func quietLogs() {
	quietOnce.Do(func() { logrus.SetOutput(io.Discard) })
}

// overrides returns the absolute paths of the override files.
func (p *project) overrides(mainAbs string) []string {
	if p.opts.Overrides != nil {
		out := make([]string, 0, len(p.opts.Overrides))
		for _, o := range p.opts.Overrides {
			a, err := filepath.Abs(o)
			if err == nil && a != mainAbs {
				out = append(out, a)
			}
		}
		return out
	}
	if !slices.Contains(cli.DefaultFileNames, filepath.Base(mainAbs)) {
		return nil
	}
	for _, name := range cli.DefaultOverrideFileNames {
		f := filepath.Join(filepath.Dir(mainAbs), name)
		if info, err := os.Stat(f); err == nil && info.Mode().IsRegular() {
			return []string{f}
		}
	}
	return nil
}

// isRemote says whether a reference names a remote resource (git, OCI, HTTP), which
// Compose would download.
func isRemote(p string) bool {
	return strings.Contains(p, "://") || strings.HasPrefix(p, "git@") || strings.HasPrefix(p, "oci:") ||
		strings.HasPrefix(p, "github.com/") || strings.HasPrefix(p, "gitlab.com/")
}

func isRefused(err error) bool { return errors.Is(err, errRefused) }

// scanRefs follows the include and extends references of file fi. chain holds the
// files being included, to report cycles.
func (p *project) scanRefs(fi int, chain []int) {
	f := p.files[fi]
	if f.role != roleExtends {
		p.scanIncludes(fi, chain)
	}
	for _, kv := range mapEntries(mapGet(f.doc, "services")) {
		name := kv[0].Value
		ext := mapGet(deref(kv[1]), "extends")
		if ext == nil {
			continue
		}
		p.scanExtends(fi, name, ext)
	}
}

// cut leaves the reference at (fi, ptr) out of what compose-go reads. For a file that
// is itself reached through a main file, the whole reference leading to it is cut.
func (p *project) cut(fi int, ptr string) {
	f := p.files[fi]
	if slices.Contains(p.mains, fi) {
		p.cuts[fi] = append(p.cuts[fi], ptr)
		return
	}
	if f.mainRef.file >= 0 {
		p.cuts[f.mainRef.file] = append(p.cuts[f.mainRef.file], f.mainRef.ptr)
	}
}

func (p *project) mainRefFor(fi int, ptr string) ref {
	if slices.Contains(p.mains, fi) {
		return ref{file: fi, ptr: ptr}
	}
	return p.files[fi].mainRef
}

// resolve turns a reference of file f into an absolute path, or an error message.
func (p *project) resolve(f *srcFile, raw string) (string, string) {
	if raw == "" {
		return "", "empty path"
	}
	if isRemote(raw) {
		return "", fmt.Sprintf("remote resource %q refused: infralint never fetches from the network", raw)
	}
	abs := raw
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(f.dir, abs)
	}
	abs = filepath.Clean(abs)
	if !p.inside(abs) {
		return "", fmt.Sprintf("%q is outside the project directory: not read", raw)
	}
	return abs, ""
}

func (p *project) scanIncludes(fi int, chain []int) {
	f := p.files[fi]
	inc := mapGet(f.doc, "include")
	if inc == nil || inc.Kind != yaml.SequenceNode {
		return
	}
	for i, item := range inc.Content {
		item = deref(item)
		ptr := fmt.Sprintf("/include/%d", i)
		var paths []*yaml.Node
		var projectDir *yaml.Node
		var envFiles []*yaml.Node
		switch item.Kind {
		case yaml.ScalarNode:
			paths = []*yaml.Node{item}
		case yaml.MappingNode:
			paths = scalars(mapGet(item, "path"))
			projectDir = mapGet(item, "project_directory")
			envFiles = scalars(mapGet(item, "env_file"))
		}
		if len(paths) == 0 {
			continue // the schema check reports it
		}
		var files []int
		ok := true
		incDir := ""
		for j, pn := range paths {
			at := ptr
			if item.Kind == yaml.MappingNode {
				at = ptr + "/path"
				if deref(mapGet(item, "path")).Kind == yaml.SequenceNode {
					at = fmt.Sprintf("%s/path/%d", ptr, j)
				}
			}
			abs, msg := p.resolve(f, interpolate(pn.Value, f.env))
			if msg != "" {
				p.failAt(fi, at, "include: "+msg)
				ok = false
				break
			}
			if k, seen := p.byAbs[abs]; seen && slices.Contains(chain, k) {
				p.failAt(fi, at, fmt.Sprintf("include cycle: %s includes %s", f.display, p.files[k].display))
				ok = false
				break
			}
			if j == 0 {
				incDir = filepath.Dir(abs)
			}
			data, err := p.readFile(abs)
			if err != nil {
				p.failAt(fi, at, fmt.Sprintf("include %s: %v", p.displayPath(abs), err))
				ok = false
				break
			}
			k, err := p.addYAML(abs, roleInclude, data, "", nil, p.mainRefFor(fi, ptr))
			if err != nil {
				ok = false
				break
			}
			files = append(files, k)
		}
		if ok && projectDir != nil && projectDir.Kind == yaml.ScalarNode {
			abs, msg := p.resolve(f, interpolate(projectDir.Value, f.env))
			if msg != "" {
				p.failAt(fi, ptr+"/project_directory", "include: project_directory "+msg)
				ok = false
			}
			incDir = abs
		}
		// The included project's environment: its own env files over the parent's.
		env := f.env.clone()
		if ok {
			if len(envFiles) == 0 {
				dotEnv := filepath.Join(incDir, ".env")
				if info, err := os.Stat(dotEnv); err == nil && info.Mode().IsRegular() {
					p.loadEnvFile(dotEnv, env, p.opts.Environment, false, &ref{file: fi, ptr: ptr})
				}
			}
			for j, en := range envFiles {
				abs, msg := p.resolve(f, interpolate(en.Value, f.env))
				at := ptr + "/env_file"
				if deref(mapGet(item, "env_file")).Kind == yaml.SequenceNode {
					at = fmt.Sprintf("%s/env_file/%d", ptr, j)
				}
				if msg != "" {
					p.failAt(fi, at, "include: env_file "+msg)
					ok = false
					break
				}
				if !p.loadEnvFile(abs, env, p.opts.Environment, true, &ref{file: fi, ptr: at}) {
					ok = false
					break
				}
			}
		}
		if !ok {
			p.cut(fi, ptr)
			continue
		}
		for _, k := range files {
			p.files[k].dir, p.files[k].env = incDir, env
			p.included[p.files[k].abs] = true
		}
		p.includes[fi] = append(p.includes[fi], files...)
		for _, k := range files {
			if !slices.Contains(chain, k) {
				p.scanRefs(k, append(slices.Clone(chain), k))
			}
		}
	}
}

func (p *project) scanExtends(fi int, service string, ext *yaml.Node) {
	f := p.files[fi]
	ptr := "/services/" + escape(service) + "/extends"
	var target string
	var fileNode *yaml.Node
	switch ext.Kind {
	case yaml.ScalarNode:
		target = interpolate(ext.Value, f.env)
	case yaml.MappingNode:
		if s := mapGet(ext, "service"); s != nil && s.Kind == yaml.ScalarNode {
			target = interpolate(s.Value, f.env)
		}
		fileNode = mapGet(ext, "file")
	}
	if target == "" {
		return // the schema check reports it
	}
	tf := fi
	if fileNode != nil && fileNode.Kind == yaml.ScalarNode {
		at := ptr + "/file"
		abs, msg := p.resolve(f, interpolate(fileNode.Value, f.env))
		if msg != "" {
			p.failAt(fi, at, "extends: "+msg)
			p.cut(fi, ptr)
			return
		}
		if k, seen := p.byAbs[abs]; seen {
			tf = k
		} else {
			data, err := p.readFile(abs)
			if err != nil {
				p.failAt(fi, at, fmt.Sprintf("extends %s: %v", p.displayPath(abs), err))
				p.cut(fi, ptr)
				return
			}
			k, err := p.addYAML(abs, roleExtends, data, filepath.Dir(abs), f.env, p.mainRefFor(fi, ptr))
			if err != nil {
				p.cut(fi, ptr)
				return
			}
			tf = k
			p.scanRefs(k, nil)
		}
	}
	if mapGet(mapGet(p.files[tf].doc, "services"), target) == nil {
		p.failAt(fi, ptr, fmt.Sprintf("extends: service %q not found in %s", target, p.files[tf].display))
		p.cut(fi, ptr)
		return
	}
	p.extends[ref{file: fi, ptr: "/services/" + escape(service)}] = ref{file: tf, ptr: "/services/" + escape(target)}
}

// contentFor is what compose-go reads for main file fi: the file itself, or the file
// with the refused references cut out.
func (p *project) contentFor(fi int) []byte {
	f := p.files[fi]
	if len(p.cuts[fi]) == 0 && !f.dups {
		return f.src.Text
	}
	doc, err := parseYAML(f.src.Text)
	if err != nil || doc == nil {
		return f.src.Text
	}
	if f.dups {
		dropDuplicateKeys(doc, 0)
	}
	cuts := slices.Clone(p.cuts[fi])
	// Remove the deepest and the last items first, so indexes stay valid.
	slices.SortFunc(cuts, func(a, b string) int { return -comparePointers(a, b) })
	for _, c := range slices.Compact(cuts) {
		removeAt(doc, c)
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	if err := enc.Encode(doc); err != nil {
		return f.src.Text
	}
	_ = enc.Close()
	return b.Bytes()
}

// removeAt deletes the node at a raw pointer (a mapping entry or a sequence item).
func removeAt(doc *yaml.Node, ptr string) {
	parent, last := yamlpos.Parent(ptr), ptr[strings.LastIndexByte(ptr, '/')+1:]
	n := doc
	for _, tok := range strings.Split(strings.TrimPrefix(parent, "/"), "/") {
		if tok == "" {
			continue
		}
		n = child(n, unescape(tok))
		if n == nil {
			return
		}
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == unescape(last) {
				n.Content = append(n.Content[:i], n.Content[i+2:]...)
				return
			}
		}
	case yaml.SequenceNode:
		var idx int
		if _, err := fmt.Sscanf(last, "%d", &idx); err == nil && idx >= 0 && idx < len(n.Content) {
			n.Content = append(n.Content[:idx], n.Content[idx+1:]...)
		}
	}
}

func child(n *yaml.Node, tok string) *yaml.Node {
	n = deref(n)
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == tok {
				return deref(n.Content[i+1])
			}
		}
	case yaml.SequenceNode:
		var idx int
		if _, err := fmt.Sscanf(tok, "%d", &idx); err == nil && idx >= 0 && idx < len(n.Content) {
			return deref(n.Content[idx])
		}
	}
	return nil
}

// load runs compose-go over the main files. An error it stops on is reported at the
// line its message names, and the load is retried without the offending node (cut out
// of what compose-go reads) or, when the place cannot be found, without the failing
// feature (validation, extends, include): one mistake does not hide the findings of the
// rest of the project.
func (p *project) load() error {
	name, explicit := p.opts.ProjectName, p.opts.ProjectName != ""
	if !explicit {
		name = loader.NormalizeProjectName(filepath.Base(p.dir))
		if name == "" {
			name = "project"
		}
	}
	profiles := p.opts.Profiles
	if len(profiles) == 0 {
		profiles = []string{"*"}
	}
	var skipValidation bool
	for range maxAttempts {
		details := types.ConfigDetails{WorkingDir: p.dir, Environment: types.Mapping(p.env.vars).Clone()}
		for _, m := range p.mains {
			details.ConfigFiles = append(details.ConfigFiles, types.ConfigFile{Filename: p.files[m].abs, Content: p.contentFor(m)})
		}
		proj, err := loadProject(details, func(o *loader.Options) {
			o.SkipConsistencyCheck = true
			o.SkipResolveEnvironment = true
			o.SkipResolveLabels = true
			o.ResolvePaths = false
			o.SkipValidation = skipValidation
			o.SkipExtends = p.skip.extends
			o.SkipInclude = p.skip.include
			o.Profiles = profiles
			o.SetProjectName(name, explicit)
			o.ResourceLoaders = []loader.ResourceLoader{remoteGuard{}}
			if o.Interpolate != nil {
				o.Interpolate.Substitute = lenientSubstitute
			}
		})
		if err == nil {
			p.project = proj
			return nil
		}
		switch p.loadError(err) {
		case retryCut:
		case retryWithoutValidation:
			skipValidation = true
		case retryWithoutExtends:
			p.skip.extends = true
		case retryWithoutInclude:
			p.skip.include = true
		default:
			return err
		}
	}
	p.fail(p.path, nil, "too many errors: the project was not linted")
	return errors.New("too many errors")
}

// loadProject is compose-go's LoadWithContext, with a panic in it turned into an
// error: its normalisation trusts what schema validation checks (a service that is
// null panics there), and a retry after a reported error skips validation.
func loadProject(details types.ConfigDetails, opts func(*loader.Options)) (proj *types.Project, err error) {
	defer func() {
		if r := recover(); r != nil {
			proj, err = nil, fmt.Errorf("compose-go cannot load the project: %v", r)
		}
	}()
	return loader.LoadWithContext(context.Background(), details, opts)
}

// maxAttempts bounds the loads of one project (each retry follows a reported error).
const maxAttempts = 12

// remoteGuard refuses every remote resource (git, OCI) an include or extends names. It
// is consulted before compose-go's local loader.
type remoteGuard struct{}

func (remoteGuard) Accept(path string) bool { return isRemote(path) }

func (remoteGuard) Load(_ context.Context, path string) (string, error) {
	return "", fmt.Errorf("remote resource %q refused: infralint never fetches from the network", path)
}

func (remoteGuard) Dir(path string) string { return path }

func escape(s string) string { return yamlpos.Escape(s) }
func unescape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}

// comparePointers orders pointers token by token, numbers by value.
func comparePointers(a, b string) int {
	ta, tb := strings.Split(a, "/"), strings.Split(b, "/")
	for i := 0; i < len(ta) && i < len(tb); i++ {
		if ta[i] == tb[i] {
			continue
		}
		na, errA := strconv.Atoi(ta[i])
		nb, errB := strconv.Atoi(tb[i])
		if errA == nil && errB == nil {
			return na - nb
		}
		return strings.Compare(ta[i], tb[i])
	}
	return len(ta) - len(tb)
}

// dropDuplicateKeys keeps the first of the keys a mapping repeats (each repeat is
// reported), so compose-go can read the rest of the file.
func dropDuplicateKeys(n *yaml.Node, depth int) {
	if n == nil || depth > 64 {
		return
	}
	if n.Kind == yaml.MappingNode {
		seen := map[string]bool{}
		kept := n.Content[:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind == yaml.ScalarNode && (k.Value != "<<" || k.Tag != "!!merge") {
				if seen[k.Value] {
					continue
				}
				seen[k.Value] = true
			}
			kept = append(kept, n.Content[i], n.Content[i+1])
		}
		n.Content = kept
	}
	for _, c := range n.Content {
		dropDuplicateKeys(c, depth+1)
	}
}
