// Package ruletest checks a rule against its fixtures: the files under the rule's
// testdata/ directory. It is how the built-in rules are tested (policies/fixtures_test.go)
// and what `infralint test DIR` runs on a team's own policies, so both are held to the
// same standard.
//
// A rule needs at least one bad* and one good* fixture. Each fixture goes through the
// real pipeline (parser, engine, suppression comments) with only that rule on, even
// when it is off by default. A bad fixture must produce exactly its want lines, and a
// good fixture nothing. A want line is a full-line comment
//
//	# want: rule-id ["message regexp"]
//
// that applies to the next line that is not itself a want line: an instruction, a YAML
// key, or the line inside a continued RUN where the offending command starts. A line
// `# options: {"name": value}` runs the fixture with those options of the rule.
//
// A meta rule (target meta: its findings are about suppression comments) runs with
// every rule that is on by default, since it judges their suppressions; only its own
// findings are compared. Its fixtures are read as the kind their name says
// (bad.Dockerfile is a Dockerfile).
package ruletest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/lint"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/rules"
)

// Result is the outcome of one rule's fixtures.
type Result struct {
	Rule model.Rule
	// Problems concern the rule as a whole (no testdata, no bad or good fixture).
	Problems []string
	Fixtures []Fixture
}

// Fixture is the outcome of one fixture file.
type Fixture struct {
	Name string // the file name, such as bad.Dockerfile
	Path string // the file as findings name it: root/<rule dir>/testdata/name
	// Problems are the differences between the want lines and the findings; empty when
	// the fixture passes.
	Problems []string
}

// Failed reports whether anything failed.
func (r Result) Failed() bool {
	if len(r.Problems) > 0 {
		return true
	}
	for _, f := range r.Fixtures {
		if len(f.Problems) > 0 {
			return true
		}
	}
	return false
}

// Run checks a rule's fixtures. root is the directory that holds the rule's directory
// at r.Dir: policies/ for a built-in rule, the policy directory for a user rule. Each
// fixture is read from disk as a linted file is, so a Dockerfile fixture has its build
// context (bad.Dockerfile.dockerignore beside it is its .dockerignore).
func Run(ctx context.Context, reg *rules.Registry, r model.Rule, root string) Result {
	res := Result{Rule: r}
	sel := rules.Selection{Only: []string{r.ID}}
	if r.Target == model.KindMeta {
		sel = rules.Selection{Enable: []string{r.ID}}
	}
	eng, err := rules.New(reg, sel)
	if err != nil {
		res.Problems = append(res.Problems, err.Error())
		return res
	}
	dir := filepath.Join(root, filepath.FromSlash(r.Dir), "testdata")
	entries, err := os.ReadDir(dir)
	if err != nil {
		res.Problems = append(res.Problems, fmt.Sprintf("rule %s has no testdata directory (%s): add a bad and a good fixture", r.ID, dir))
		return res
	}
	var bad, good int
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir() && (strings.HasPrefix(name, "bad") || strings.HasPrefix(name, "good")) && discover.IsChartDir(filepath.Join(dir, name)):
			// A Helm chart fixture (testdata/bad-<name>/Chart.yaml …): want lines may be in
			// any of its files.
			if strings.HasPrefix(name, "bad") {
				bad++
			} else {
				good++
			}
			p := filepath.Join(dir, name)
			res.Fixtures = append(res.Fixtures, Fixture{Name: name, Path: p, Problems: checkChart(ctx, eng, r, p)})
			continue
		case e.IsDir() && (strings.HasPrefix(name, "bad") || strings.HasPrefix(name, "good")) && (r.Target == model.KindCompose || r.Target == model.KindCross):
			// A Compose project fixture (testdata/bad-<name>/compose.yaml with its override
			// file, .env, env_file, and for a cross rule its Dockerfile): want lines may be
			// in any of its files.
			if strings.HasPrefix(name, "bad") {
				bad++
			} else {
				good++
			}
			p := filepath.Join(dir, name)
			res.Fixtures = append(res.Fixtures, Fixture{Name: name, Path: p, Problems: checkCompose(ctx, eng, r, p)})
			continue
		case e.IsDir(), strings.HasSuffix(name, ".dockerignore"):
			continue
		case strings.HasPrefix(name, "bad"):
			bad++
		case strings.HasPrefix(name, "good"):
			good++
		default:
			continue
		}
		p := filepath.Join(dir, name)
		fx := Fixture{Name: name, Path: p}
		src, err := os.ReadFile(p)
		switch {
		case err != nil:
			fx.Problems = []string{err.Error()}
		default:
			feng, err := fixtureEngine(reg, sel, r, src, eng)
			if err != nil {
				fx.Problems = []string{err.Error()}
			} else {
				fx.Problems = check(ctx, feng, r, p, src)
			}
		}
		res.Fixtures = append(res.Fixtures, fx)
	}
	if bad == 0 || good == 0 {
		res.Problems = append(res.Problems, fmt.Sprintf("rule %s needs at least one bad* and one good* fixture (has %d bad, %d good)", r.ID, bad, good))
	}
	return res
}

// optionsLine is a full-line comment `# options: {"name": value}` that runs the fixture
// with the rule's options set (a rule that says nothing until it is configured, such as
// an allow list, needs it for its bad fixture).
var optionsLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*#\s*options:\s*(\{.*\})\s*$`) })

// fixtureEngine returns the engine for a fixture: eng, or one with the fixture's options.
func fixtureEngine(reg *rules.Registry, sel rules.Selection, r model.Rule, src []byte, eng *rules.Engine) (*rules.Engine, error) {
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		m := optionsLine().FindStringSubmatch(strings.TrimSuffix(sc.Text(), "\r"))
		if m == nil {
			continue
		}
		var opts map[string]any
		if err := json.Unmarshal([]byte(m[1]), &opts); err != nil {
			return nil, fmt.Errorf("bad options line: %w", err)
		}
		sel.Options = map[string]map[string]any{r.ID: opts}
		return rules.New(reg, sel)
	}
	return eng, nil
}

// want is one expectation of a fixture: rule fires on line, with a message matching
// msg when given.
type want struct {
	line int
	rule string
	msg  *regexp.Regexp
	file string // the file the finding must be in; "" for a one-file fixture
}

var wantLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*#\s*want:\s*([A-Za-z0-9_-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*$`)
})

// trailingWant is a want comment at the end of a YAML line (`image: nginx  # want: x`):
// it applies to its own line.
var trailingWant = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\s#\s*want:\s*([A-Za-z0-9_-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*$`)
})

// isYAMLFixture is a fixture whose want comments may also trail a line.
func isYAMLFixture(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml" || ext == ".json" || ext == ".tpl"
}

// parseWantsIn reads the want lines of a fixture; trailing is true for YAML fixtures.
func parseWantsIn(src []byte, trailing bool) ([]want, error) {
	var pending, out []want
	sc := bufio.NewScanner(bytes.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		m := wantLine().FindStringSubmatch(strings.TrimSuffix(sc.Text(), "\r"))
		if m == nil {
			if tm := trailingWant().FindStringSubmatch(strings.TrimSuffix(sc.Text(), "\r")); trailing && tm != nil {
				w := want{line: n, rule: tm[1]}
				if tm[2] != "" {
					re, err := regexp.Compile(strings.ReplaceAll(tm[2], `\"`, `"`))
					if err != nil {
						return nil, fmt.Errorf("line %d: bad message regexp: %w", n, err)
					}
					w.msg = re
				}
				out = append(out, w)
			}
			for _, w := range pending {
				w.line = n
				out = append(out, w)
			}
			pending = nil
			continue
		}
		w := want{rule: m[1]}
		if m[2] != "" {
			re, err := regexp.Compile(strings.ReplaceAll(m[2], `\"`, `"`))
			if err != nil {
				return nil, fmt.Errorf("line %d: bad message regexp: %w", n, err)
			}
			w.msg = re
		}
		pending = append(pending, w)
	}
	if len(pending) > 0 {
		return nil, fmt.Errorf("a want line at the end of the file applies to nothing")
	}
	return out, nil
}

// kindOf is the document kind a fixture is read as.
func kindOf(r model.Rule, name string) model.Kind {
	if r.Target != model.KindMeta {
		return r.Target
	}
	if k := discover.Classify(name); k != "" {
		return k
	}
	return model.KindDockerfile
}

func check(ctx context.Context, eng *rules.Engine, r model.Rule, p string, src []byte) []string {
	findings, errs := lint.File(ctx, eng, discover.File{Path: p, Kind: kindOf(r, filepath.Base(p))})
	if len(errs) > 0 {
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = e.Error()
		}
		return []string{"fixture does not parse: " + strings.Join(msgs, "; ")}
	}
	findings = slices.DeleteFunc(findings, func(f model.Finding) bool { return f.RuleID != r.ID })
	wants, err := parseWantsIn(src, isYAMLFixture(p))
	if err != nil {
		return []string{err.Error()}
	}
	return compare(r, p, findings, wants)
}

// checkChart checks a Helm chart fixture: a directory whose files (templates, values
// files) hold the want lines, each for a finding in that file.
func checkChart(ctx context.Context, eng *rules.Engine, r model.Rule, dir string) []string {
	findings, errs := lint.File(ctx, eng, discover.File{Path: dir, Kind: model.KindHelm})
	if len(errs) > 0 {
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = e.Error()
		}
		return []string{"fixture does not render: " + strings.Join(msgs, "; ")}
	}
	findings = slices.DeleteFunc(findings, func(f model.Finding) bool { return f.RuleID != r.ID })
	var wants []want
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		ws, err := parseWantsIn(src, true)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		for _, w := range ws {
			w.file = p
			wants = append(wants, w)
		}
		return nil
	})
	if err != nil {
		return []string{err.Error()}
	}
	return compare(r, dir, findings, wants)
}

// checkCompose checks a Compose project fixture: the project discovery finds in the
// directory (its main file with the override file beside it), with the want lines of
// every file of the directory, each for a finding in that file.
func checkCompose(ctx context.Context, eng *rules.Engine, r model.Rule, dir string) []string {
	files, _ := discover.Walk([]string{dir})
	i := slices.IndexFunc(files, func(f discover.File) bool { return f.Kind == model.KindCompose })
	if i < 0 {
		return []string{"the fixture directory holds no compose.yaml"}
	}
	findings, errs := lint.File(ctx, eng, files[i])
	if len(errs) > 0 {
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = e.Error()
		}
		return []string{"fixture does not parse: " + strings.Join(msgs, "; ")}
	}
	findings = slices.DeleteFunc(findings, func(f model.Finding) bool { return f.RuleID != r.ID })
	entries, err := os.ReadDir(dir)
	if err != nil {
		return []string{err.Error()}
	}
	var wants []want
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		p := filepath.Join(dir, e.Name())
		src, err := os.ReadFile(p)
		if err != nil {
			return []string{err.Error()}
		}
		ws, err := parseWantsIn(src, isYAMLFixture(p) || strings.HasSuffix(e.Name(), ".env"))
		if err != nil {
			return []string{fmt.Sprintf("%s: %v", p, err)}
		}
		for _, w := range ws {
			w.file = p
			wants = append(wants, w)
		}
	}
	return compare(r, dir, findings, wants)
}

// compare matches findings to want lines.
func compare(r model.Rule, p string, findings []model.Finding, wants []want) []string {
	isBad := strings.HasPrefix(filepath.Base(p), "bad")
	if isBad && len(wants) == 0 {
		return []string{fmt.Sprintf("a bad fixture must declare at least one `# want: %s` line", r.ID)}
	}
	if !isBad && len(wants) > 0 {
		return []string{"a good fixture must not declare want lines"}
	}
	var problems []string
	used := make([]bool, len(findings))
	for _, w := range wants {
		i := -1
		for j, f := range findings {
			if !used[j] && f.Range.Start.Line == w.line && f.RuleID == w.rule && (w.msg == nil || w.msg.MatchString(f.Message)) && (w.file == "" || w.file == f.File) {
				i = j
				break
			}
		}
		if i < 0 {
			if w.msg != nil {
				problems = append(problems, fmt.Sprintf("line %d: want %s %q, got nothing", w.line, w.rule, w.msg))
			} else {
				problems = append(problems, fmt.Sprintf("line %d: want %s, got nothing", w.line, w.rule))
			}
			continue
		}
		used[i] = true
	}
	for i, f := range findings {
		if !used[i] {
			where := ""
			if f.File != p {
				where = f.File + ":"
			}
			problems = append(problems, fmt.Sprintf("%sline %d: unexpected %s %q", where, f.Range.Start.Line, f.RuleID, f.Message))
		}
		if !f.Range.Valid() {
			problems = append(problems, fmt.Sprintf("finding %s %q has an invalid range %v", f.RuleID, f.Message, f.Range))
		}
	}
	return problems
}
