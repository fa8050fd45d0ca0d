package lint

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/compose"
	"github.com/infralint/infralint/pkg/parsers/dockerfile"
)

// Compose and its Dockerfiles together. A Compose service with `build:` names a
// Dockerfile (the compose parser reads it, inside the project directory). Here that
// Dockerfile is parsed and
//
//   - linted with the Dockerfile rules in the same run when the run does not lint it
//     already (it was not discovered or named): the first Compose project of the run
//     that links it lints it, once;
//   - paired with the service into one document of kind cross per service, for the
//     cross-artifact rules (policies/cross). The input is the service as the Compose
//     rules see it (pointers /services/<name>/…, located in the Compose files) and the
//     facts of the Dockerfile stage the service builds (pointers /dockerfile/…, located
//     in the Dockerfile). A finding on one side names the other side as a related
//     location.
//
// An inline Dockerfile (`dockerfile_inline`) gets its cross document, its positions
// mapped into the Compose file; it is not linted with the Dockerfile rules.

// builds is a run's record of the Dockerfiles it lints, shared by the workers.
type builds struct {
	mu      sync.Mutex
	claimed map[string]bool // absolute path → linted by some input of the run
	extra   int             // Dockerfiles linted only because a Compose build names them
	cross   bool            // some cross rule is enabled: build the cross documents
}

// newBuilds records the Dockerfiles the run lints anyway.
func newBuilds(files []discover.File, cross bool) *builds {
	b := &builds{claimed: map[string]bool{}, cross: cross}
	absOf := absolute()
	for _, f := range files {
		if f.Kind == model.KindDockerfile {
			if abs, err := absOf(f.Path); err == nil {
				b.claimed[abs] = true
			}
		}
	}
	return b
}

// claim reports whether the caller is the one to lint the Dockerfile at abs.
func (b *builds) claim(abs string) bool {
	if b == nil {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.claimed[abs] {
		return false
	}
	b.claimed[abs] = true
	b.extra++
	return true
}

// count is the number of files the run read for the Compose builds alone.
func (b *builds) count() int {
	if b == nil {
		return 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.extra
}

// hasCrossRules is false when the run evaluates no cross rule (nil: a single-file
// lint, which always builds the cross documents).
func (b *builds) hasCrossRules() bool { return b == nil || b.cross }

// linkBuilds returns the documents a Compose project's builds add to its input: the
// Dockerfiles this input lints (not those the run lints anyway, nor those the
// configuration excludes), then one cross document per service with a build, in
// service order.
func linkBuilds(doc *model.Document, opts Options) ([]*model.Document, []model.FileError) {
	b := opts.builds
	in, ok := doc.Input.(*compose.Input)
	if !ok {
		return nil, nil
	}
	names := make([]string, 0, len(in.Services))
	for name, svc := range in.Services {
		if svc.Build != nil && svc.Build.Linked != nil {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	type parsed struct {
		doc   *model.Document
		owned bool
	}
	byPath := map[string]parsed{}
	var docs, crosses []*model.Document
	var errs []model.FileError
	for _, name := range names {
		svc := in.Services[name]
		ld := svc.Build.Linked
		var pd parsed
		if ld.Inline {
			d, perrs := dockerfile.Parse(ld.Path, ld.Src)
			for _, e := range perrs {
				if e.Range != nil {
					r := ld.MapRange(*e.Range)
					e.Range = &r
				}
				e.Message = fmt.Sprintf("dockerfile_inline of service %s: %s", name, e.Message)
				errs = append(errs, e)
			}
			pd = parsed{doc: d}
		} else if seen, ok := byPath[ld.Abs]; ok {
			pd = seen
		} else {
			d, perrs := dockerfile.ParseWith(ld.Path, ld.Src, dockerfile.Options{Context: opts.buildContext(ld.Path)})
			// A Dockerfile the configuration excludes is compared, not linted.
			excluded := opts.Plan != nil && opts.Plan.Excluded(ld.Path, false)
			pd = parsed{doc: d, owned: !excluded && b.claim(ld.Abs)}
			if pd.owned {
				// Its errors and findings are this input's; otherwise the input that
				// lints it reports them.
				errs = append(errs, perrs...)
				if d != nil {
					docs = append(docs, d)
				}
			}
			byPath[ld.Abs] = pd
		}
		if pd.doc == nil || !b.hasCrossRules() {
			continue
		}
		if c := crossDocument(doc, svc, ld, pd.doc, pd.owned); c != nil {
			crosses = append(crosses, c)
		}
	}
	return append(docs, crosses...), errs
}

// CrossInput is the input of the cross-artifact rules: one Compose service with a
// build, and the Dockerfile stage it builds.
type CrossInput struct {
	Kind    string `json:"kind"`    // always "cross"
	Compose string `json:"compose"` // the project's main Compose file
	// Service is the service exactly as the Compose rules see it: its pointers
	// (/services/<name>/…) are located in the Compose files.
	Service *compose.Service `json:"service"`
	// Dockerfile is what the service's image gets from its Dockerfile.
	Dockerfile CrossDockerfile `json:"dockerfile"`
}

// CrossDockerfile is the Dockerfile stage a service builds: `build.target`, else the
// final stage, with what it inherits from the stages it is built FROM. Pointers start
// with /dockerfile and are located in the Dockerfile (for an inline one, in the
// Compose file that holds it).
type CrossDockerfile struct {
	Ptr    string `json:"ptr"` // the stage's FROM
	Path   string `json:"path"`
	Inline bool   `json:"inline"`
	// Stage is the stage's name; Target is true when build.target chose it.
	Stage  string `json:"stage,omitempty"`
	Target bool   `json:"target"`
	Base   string `json:"base"` // the stage's base image as written
	// User is the last USER of the stage and the stages it is built FROM; null when
	// none sets one (the base image's user applies).
	User *CrossUser `json:"user,omitempty"`
	// Healthcheck is the last HEALTHCHECK of the stage chain; null when none.
	Healthcheck *CrossHealthcheck `json:"healthcheck,omitempty"`
	// Expose are the ports of every EXPOSE of the stage chain, one per port or range.
	Expose []CrossPort `json:"expose"`
}

// CrossUser is a USER instruction.
type CrossUser struct {
	Ptr  string `json:"ptr"`
	User string `json:"user"` // as written: name or UID, with :group when given
	// Root is true for root or UID 0; Variable when the value uses a build argument
	// (it cannot be judged).
	Root     bool `json:"root"`
	Variable bool `json:"variable"`
}

// CrossHealthcheck is a HEALTHCHECK instruction; Disabled for HEALTHCHECK NONE.
type CrossHealthcheck struct {
	Ptr      string `json:"ptr"`
	Disabled bool   `json:"disabled"`
}

// CrossPort is one port or range of an EXPOSE. Variable is set for a port written
// with a build argument: From and To are then 0.
type CrossPort struct {
	Ptr      string `json:"ptr"`
	From     int    `json:"from"`
	To       int    `json:"to"`
	Protocol string `json:"protocol"` // tcp unless written
	Variable bool   `json:"variable"`
}

// crossDocument pairs a service with its Dockerfile. It is nil when build.target names
// no stage of the Dockerfile (the build fails; there is nothing to compare).
func crossDocument(cdoc *model.Document, svc *compose.Service, ld *compose.LinkedDockerfile, ddoc *model.Document, owned bool) *model.Document {
	din, ok := ddoc.Input.(*dockerfile.Input)
	if !ok || len(din.Stages) == 0 {
		return nil
	}
	stage := -1
	for i, s := range din.Stages {
		if (svc.Build.Target == "" && s.Final) || (svc.Build.Target != "" && strings.EqualFold(s.Name, svc.Build.Target)) {
			stage = i
		}
	}
	if stage < 0 {
		return nil
	}
	st := din.Stages[stage]
	facts := CrossDockerfile{
		Ptr: "/dockerfile" + st.Ptr, Path: ld.Path, Inline: ld.Inline, Stage: st.Name,
		Target: svc.Build.Target != "", Base: st.Base.Raw, Expose: []CrossPort{},
	}
	// The chain lists the stage first, then the stages it is built FROM: the nearest
	// USER and HEALTHCHECK win; EXPOSE accumulates, base first.
	for k := len(st.Chain) - 1; k >= 0; k-- {
		c := st.Chain[k]
		if c < 0 || c >= len(din.Stages) {
			continue
		}
		for _, idx := range din.Stages[c].Instructions {
			if idx < 0 || idx >= len(din.Instructions) {
				continue
			}
			in := din.Instructions[idx]
			ptr := "/dockerfile" + in.Ptr
			switch in.Cmd {
			case "user":
				if len(in.Words) > 0 {
					u := in.Words[0]
					name, _, _ := strings.Cut(u, ":")
					facts.User = &CrossUser{Ptr: ptr, User: u, Root: strings.EqualFold(name, "root") || name == "0",
						Variable: strings.Contains(u, "$")}
				}
			case "healthcheck":
				facts.Healthcheck = &CrossHealthcheck{Ptr: ptr, Disabled: len(in.Args) > 0 && strings.EqualFold(in.Args[0], "NONE")}
			case "expose":
				for _, w := range in.Words {
					facts.Expose = append(facts.Expose, exposedPort(ptr, w))
				}
			}
		}
	}
	loc := &crossLocator{compose: cdoc.Locations, composePath: cdoc.Path, df: ddoc.Locations, linked: ld,
		service: svc.Ptr, facts: &facts}
	if !ld.Inline {
		loc.dfSource = ddoc.Source // an inline one is located in the Compose file
	}
	doc := &model.Document{
		Kind:      model.KindCross,
		Path:      cdoc.Path,
		Source:    cdoc.Source,
		Sources:   map[string]*model.Source{},
		Input:     &CrossInput{Kind: string(model.KindCross), Compose: cdoc.Path, Service: svc, Dockerfile: facts},
		Locations: loc,
	}
	for p, s := range cdoc.Sources {
		doc.Sources[p] = s
	}
	if owned {
		// This input lints the Dockerfile, so its suppression comments are read here
		// and cover cross findings in it too.
		doc.Sources[ld.Path] = ddoc.Source
	}
	return doc
}

// exposedPort reads one EXPOSE word: 80, 80/udp, 8000-8010/tcp.
func exposedPort(ptr, w string) CrossPort {
	p := CrossPort{Ptr: ptr, Protocol: "tcp"}
	port, proto, ok := strings.Cut(w, "/")
	if ok && proto != "" {
		p.Protocol = strings.ToLower(proto)
	}
	if strings.Contains(w, "$") {
		p.Variable = true
		return p
	}
	lo, hi, isRange := strings.Cut(port, "-")
	from, err1 := strconv.Atoi(lo)
	to := from
	var err2 error
	if isRange {
		to, err2 = strconv.Atoi(hi)
	}
	if err1 != nil || err2 != nil || to < from {
		p.Variable = true // unreadable: treated as unknown, like a variable
		return p
	}
	p.From, p.To = from, to
	return p
}

// crossLocator locates the pointers of a cross document: /dockerfile/… in the
// Dockerfile, everything else in the Compose files.
type crossLocator struct {
	compose     model.Locator
	composePath string
	df          model.Locator
	linked      *compose.LinkedDockerfile
	service     string // the service's pointer, /services/<name>
	facts       *CrossDockerfile
	// dfSource is the Dockerfile's text, for the lines reporters show of findings in
	// it (fileResult.seen); nil for an inline Dockerfile.
	dfSource *model.Source
}

// dfPtr returns the Dockerfile pointer of a /dockerfile/… pointer.
func dfPtr(ptr string) (string, bool) {
	if ptr == "/dockerfile" {
		return "", true
	}
	rest, ok := strings.CutPrefix(ptr, "/dockerfile/")
	return "/" + rest, ok
}

func (l *crossLocator) Locate(ptr string) model.Range {
	if p, ok := dfPtr(ptr); ok {
		if p == "" {
			p, _ = dfPtr(l.facts.Ptr)
		}
		return l.linked.MapRange(l.df.Locate(p))
	}
	return l.compose.Locate(ptr)
}

func (l *crossLocator) File(ptr string) string {
	if _, ok := dfPtr(ptr); ok {
		return l.linked.Path
	}
	if f := l.compose.File(ptr); f != "" {
		return f
	}
	return l.composePath
}

func (l *crossLocator) Anchor(ptr string) string {
	if p, ok := dfPtr(ptr); ok {
		return "dockerfile:" + l.df.Anchor(p)
	}
	return l.compose.Anchor(ptr)
}

func (l *crossLocator) Context(ptr string) string {
	parts := []string{}
	if c := l.compose.Context(l.service); c != "" {
		parts = append(parts, c)
	}
	df := "Dockerfile " + l.linked.Path
	if l.linked.Inline {
		df = "inline Dockerfile"
	}
	if l.facts.Stage != "" {
		df += " stage " + l.facts.Stage
	}
	parts = append(parts, df)
	if _, ok := dfPtr(ptr); !ok {
		if c := l.compose.Context(ptr); c != "" && c != parts[0] {
			parts = append(parts, strings.TrimPrefix(c, parts[0]+"; "))
		}
	}
	return strings.Join(parts, "; ")
}

// Related names the other side of a finding: for a finding in the Compose file, the
// Dockerfile instruction it was compared with (USER for `user`, EXPOSE for ports, the
// stage's FROM otherwise); for a finding in the Dockerfile, the service's build key.
func (l *crossLocator) Related(ptr string) []model.Location {
	if _, ok := dfPtr(ptr); ok {
		at := l.service + "/build"
		if l.facts.User != nil && ptr == l.facts.User.Ptr && l.compose.Locate(l.service+"/user") != l.compose.Locate(l.service) {
			at = l.service + "/user"
		}
		return []model.Location{{File: l.File(at), Range: l.compose.Locate(at), Message: "the Compose service " + l.serviceName()}}
	}
	field := strings.TrimPrefix(ptr, l.service)
	var ptrs []string
	var what string
	switch {
	case field == "/user" || strings.HasPrefix(field, "/user/"):
		if l.facts.User != nil {
			ptrs, what = []string{l.facts.User.Ptr}, "the Dockerfile's USER"
		}
	case strings.HasPrefix(field, "/ports/"), strings.HasPrefix(field, "/expose/"):
		for _, p := range l.facts.Expose {
			if !slices.Contains(ptrs, p.Ptr) {
				ptrs = append(ptrs, p.Ptr)
			}
		}
		what = "EXPOSE in the Dockerfile"
	}
	if len(ptrs) == 0 {
		ptrs, what = []string{l.facts.Ptr}, "the Dockerfile stage the service builds"
	}
	out := make([]model.Location, 0, len(ptrs))
	for _, p := range ptrs {
		out = append(out, model.Location{File: l.linked.Path, Range: l.Locate(p), Message: what})
	}
	return out
}

func (l *crossLocator) serviceName() string {
	return strings.TrimPrefix(l.service, "/services/")
}

// NodeStartingAt serves suppression comments in the Compose files.
func (l *crossLocator) NodeStartingAt(file string, line int) (model.Range, bool) {
	if nl, ok := l.compose.(model.NodeLocator); ok {
		return nl.NodeStartingAt(file, line)
	}
	return model.Range{}, false
}

// hasTarget reports whether the engine evaluates a rule of kind k.
func hasTarget(eng interface{ Rules() []model.Rule }, k model.Kind) bool {
	return slices.ContainsFunc(eng.Rules(), func(r model.Rule) bool { return r.Target == k })
}
