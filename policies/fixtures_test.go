package policies_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/infralint/infralint/pkg/lint"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/rules"
)

// want is one expectation of a fixture: rule `rule` fires on `line`, with a message
// matching `msg` when given.
type want struct {
	line int
	rule string
	msg  *regexp.Regexp
}

// wantLine is a full-line comment `# want: rule-id ["message regexp"]`. It applies to the
// next line that is not itself a want line: an instruction, or a line inside a
// continued RUN where the offending command starts.
var wantLine = regexp.MustCompile(`^\s*#\s*want:\s*([A-Za-z0-9_-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*$`)

func parseWants(t *testing.T, src []byte) []want {
	t.Helper()
	var pending, out []want
	sc := bufio.NewScanner(bytes.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		m := wantLine.FindStringSubmatch(sc.Text())
		if m == nil {
			for _, w := range pending {
				w.line = n
				out = append(out, w)
			}
			pending = nil
			continue
		}
		w := want{rule: m[1]}
		if m[2] != "" {
			w.msg = regexp.MustCompile(strings.ReplaceAll(m[2], `\"`, `"`))
		}
		pending = append(pending, w)
	}
	if len(pending) > 0 {
		t.Fatalf("a want line at the end of the file applies to nothing")
	}
	return out
}

// TestFixtures runs every rule's fixtures through the real parser and engine, with only
// that rule enabled (even when it is off by default). bad* fixtures must produce exactly
// their want lines; good* fixtures must produce nothing.
func TestFixtures(t *testing.T) {
	reg, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reg.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			t.Parallel()
			eng, err := rules.New(reg, rules.Selection{Only: []string{r.ID}})
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(filepath.FromSlash(r.Dir), "testdata")
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatalf("rule %s has no testdata directory: %v", r.ID, err)
			}
			var bad, good int
			for _, e := range entries {
				name := e.Name()
				switch {
				case strings.HasPrefix(name, "bad"):
					bad++
				case strings.HasPrefix(name, "good"):
					good++
				default:
					continue
				}
				t.Run(name, func(t *testing.T) {
					checkFixture(t, eng, r, filepath.Join(dir, name))
				})
			}
			if bad == 0 || good == 0 {
				t.Errorf("rule %s needs at least one bad* and one good* fixture (has %d bad, %d good)", r.ID, bad, good)
			}
		})
	}
}

func checkFixture(t *testing.T, eng *rules.Engine, r model.Rule, path string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	docs, errs := lint.Parse(r.Target, path, src)
	if len(errs) > 0 {
		t.Fatalf("fixture does not parse: %v", errs)
	}
	var findings []model.Finding
	for _, doc := range docs {
		fs, err := eng.Evaluate(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		findings = append(findings, fs...)
	}
	wants := parseWants(t, src)
	isBad := strings.HasPrefix(filepath.Base(path), "bad")
	if isBad && len(wants) == 0 {
		t.Fatalf("a bad fixture must declare at least one `# want: %s` line", r.ID)
	}
	if !isBad && len(wants) > 0 {
		t.Fatalf("a good fixture must not declare want lines")
	}
	var problems []string
	used := make([]bool, len(findings))
	for _, w := range wants {
		i := slices.IndexFunc(findings, func(f model.Finding) bool {
			return f.Range.Start.Line == w.line && f.RuleID == w.rule && (w.msg == nil || w.msg.MatchString(f.Message))
		})
		for i >= 0 && used[i] {
			j := slices.IndexFunc(findings[i+1:], func(f model.Finding) bool {
				return f.Range.Start.Line == w.line && f.RuleID == w.rule && (w.msg == nil || w.msg.MatchString(f.Message))
			})
			if j < 0 {
				i = -1
			} else {
				i += j + 1
			}
		}
		if i < 0 {
			problems = append(problems, fmt.Sprintf("line %d: want %s %v, got nothing", w.line, w.rule, w.msg))
			continue
		}
		used[i] = true
	}
	for i, f := range findings {
		if !used[i] {
			problems = append(problems, fmt.Sprintf("line %d: unexpected %s %q", f.Range.Start.Line, f.RuleID, f.Message))
		}
		if !f.Range.Valid() {
			problems = append(problems, fmt.Sprintf("finding %s %q has an invalid range %v", f.RuleID, f.Message, f.Range))
		}
	}
	if len(problems) > 0 {
		t.Errorf("%s:\n  %s", path, strings.Join(problems, "\n  "))
	}
}
