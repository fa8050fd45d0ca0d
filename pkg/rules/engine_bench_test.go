//go:build unix

package rules_test

import (
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	rast "github.com/open-policy-agent/opa/v1/ast"

	"github.com/infralint/infralint/internal/testutil"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/dockerfile"
	"github.com/infralint/infralint/pkg/rules"
	"github.com/infralint/infralint/policies"
)

// The start-up steps of a run, each measured alone (see docs/performance.md):
// LoadRegistry, then PrepareDockerfile (the registry again, and the Dockerfile plans read
// as a process's first Dockerfile reads them), then Evaluate once per file.
// CompileDockerfile is what preparing cost before the plans, and still costs with
// INFRALINT_TOPDOWN or user policies: parsing and compiling the Rego. Every benchmark also
// reports cpu-ms/op (process user+sys time, GC workers included), which a busy machine
// inflates less than wall time.

func BenchmarkLoadRegistry(b *testing.B) {
	n := len(loadRegistry(b).Rules())
	b.ReportAllocs()
	defer cpuPerOp(b)()
	for b.Loop() {
		if _, err := rules.Load(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "rules")
}

// BenchmarkLoadFromSource is the registry load from the policies' Rego source, METADATA
// annotations processed, as rules.Load did before the generated table.
func BenchmarkLoadFromSource(b *testing.B) {
	b.ReportAllocs()
	defer cpuPerOp(b)()
	for b.Loop() {
		if _, err := rules.LoadFromSource(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrepareDockerfile is what the first Dockerfile of a run pays: a fresh
// registry, the default rule selection, and the embedded Dockerfile plan read and loaded.
func BenchmarkPrepareDockerfile(b *testing.B) {
	reg := loadRegistry(b)
	ctx := context.Background()
	b.ReportAllocs()
	defer cpuPerOp(b)()
	for b.Loop() {
		if _, err := rules.DecodePlan(model.KindDockerfile); err != nil {
			b.Fatal(err)
		}
		eng, err := rules.New(loadRegistry(b), rules.Selection{})
		if err != nil {
			b.Fatal(err)
		}
		if err := eng.Prepare(ctx, model.KindDockerfile); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(countKind(reg.Rules(), model.KindDockerfile)), "rules")
}

// BenchmarkCompileDockerfile is what the first Dockerfile of a run pays with topdown (the
// reference, INFRALINT_TOPDOWN=1, and every run before the plans): a fresh registry
// (whose modules are parsed on first use), the default rule selection, and the
// Dockerfile policies parsed and compiled into one prepared query.
func BenchmarkCompileDockerfile(b *testing.B) {
	reg := loadRegistry(b)
	ctx := context.Background()
	b.ReportAllocs()
	defer cpuPerOp(b)()
	for b.Loop() {
		reg := loadRegistry(b)
		eng, err := rules.New(reg, rules.Selection{})
		if err != nil {
			b.Fatal(err)
		}
		eng.UseTopdown()
		if err := eng.Prepare(ctx, model.KindDockerfile); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(countKind(reg.Rules(), model.KindDockerfile)), "rules")
}

// BenchmarkCompileNoRules is the part of the topdown compile that does not grow with the
// rules: the libraries and the aggregate query, every rule disabled.
func BenchmarkCompileNoRules(b *testing.B) {
	reg := loadRegistry(b)
	var all []string
	for _, r := range reg.Rules() {
		all = append(all, r.ID)
	}
	ctx := context.Background()
	b.ReportAllocs()
	defer cpuPerOp(b)()
	for b.Loop() {
		eng, err := rules.New(loadRegistry(b), rules.Selection{Disable: all})
		if err != nil {
			b.Fatal(err)
		}
		eng.UseTopdown()
		if err := eng.Prepare(ctx, model.KindDockerfile); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluate is the per-file cost once the engine is prepared: input conversion,
// evaluating the rules and decoding the findings, with the plans and with topdown.
func BenchmarkEvaluate(b *testing.B) {
	for _, mode := range []string{"plans", "topdown"} {
		b.Run(mode, func(b *testing.B) {
			eng := prepareEngine(b, mode == "topdown")
			doc := benchDocument(b)
			ctx := context.Background()
			b.ReportAllocs()
			defer cpuPerOp(b)()
			var found []model.Finding
			for b.Loop() {
				var err error
				if found, err = eng.Evaluate(ctx, doc); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(found)), "findings")
		})
	}
}

// BenchmarkInputConversion is the share of Evaluate spent turning the parser's input into
// an OPA value, as the engine does it (a reflection walk that follows the encoding/json
// rules).
func BenchmarkInputConversion(b *testing.B) {
	doc := benchDocument(b)
	b.ReportAllocs()
	defer cpuPerOp(b)()
	for b.Loop() {
		if _, err := rules.InputValue(doc.Input); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInputRoundTrip is the conversion the engine did before: ast.InterfaceToValue,
// a JSON marshal and unmarshal of the parser's Go struct.
func BenchmarkInputRoundTrip(b *testing.B) {
	doc := benchDocument(b)
	b.ReportAllocs()
	defer cpuPerOp(b)()
	for b.Loop() {
		if _, err := rast.InterfaceToValue(doc.Input); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCorpusLint parses and evaluates every file of the measurement corpus
// (../shared/corpus, third-party files that must never be copied into this repository)
// per iteration, on one goroutine, with the engine prepared beforehand: with the plans
// and with topdown.
func BenchmarkCorpusLint(b *testing.B) {
	for _, mode := range []string{"plans", "topdown"} {
		b.Run(mode, func(b *testing.B) { benchCorpusLint(b, mode == "topdown") })
	}
}

func benchCorpusLint(b *testing.B, topdown bool) {
	files := testutil.ReadFiles(b, corpusDir(b))
	eng := prepareEngine(b, topdown)
	ctx := context.Background()
	b.ReportAllocs()
	defer cpuPerOp(b)()
	for b.Loop() {
		for _, f := range files {
			doc, _ := dockerfile.Parse(f.Path, f.Src)
			if doc == nil {
				continue
			}
			if _, err := eng.Evaluate(ctx, doc); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(files)*b.N)/b.Elapsed().Seconds(), "files/s")
}

// The two benchmarks below measure changes the design proposes (DESIGN.md §5) on the real
// policy set, without the engine: they parse policies/ themselves.

// BenchmarkPolicyParse is the Rego parse inside LoadRegistry, with annotation processing
// (what Load does, to read METADATA) and without (what a generated METADATA table allows).
func BenchmarkPolicyParse(b *testing.B) {
	srcs := policySources(b)
	for _, mode := range []struct {
		name     string
		annotate bool
	}{{"annotations", true}, {"no-annotations", false}} {
		b.Run(mode.name, func(b *testing.B) {
			b.ReportAllocs()
			defer cpuPerOp(b)()
			for b.Loop() {
				parsePolicies(b, srcs, mode.annotate)
			}
		})
	}
}

// BenchmarkPolicyCompile compiles the built-in Dockerfile policies and libraries with every
// compiler stage, and with the check-only stages skipped (safe for embedded policies that
// CI compiles with every check). no-empty-options compiles every stage but leaves out the
// `options := {}` modules of rules without options: OPA's type checker re-walks every
// module for each rule whose value is an empty collection when no policy uses `with` on
// data (ast.typeChecker.isReplaced does not remember an empty answer).
// no-empty-options-skip-checks is both, as the engine compiles the built-in policies.
func BenchmarkPolicyCompile(b *testing.B) {
	srcs := policySources(b)
	withOpts := maps.Clone(srcs)
	maps.DeleteFunc(withOpts, func(name, src string) bool {
		return strings.HasPrefix(name, "options/") && strings.HasSuffix(src, "options := {}\n")
	})
	skip := []rast.StageID{
		rast.StageCheckTypes, rast.StageCheckUnusedImports, rast.StageCheckDeprecatedBuiltins,
		rast.StageBuildRequiredCapabilities, rast.StageCheckRecursion, rast.StageCheckKeywordOverrides,
		rast.StageCheckDuplicateImports, rast.StageCheckUnsafeBuiltins,
		// ... and those the engine skips as well (checkOnlyStages in engine.go)
		rast.StageCheckRuleConflicts, rast.StageCheckUndefinedFuncs, rast.StageCheckVoidCalls,
		rast.StageParseMetadataBlocks, rast.StageSetAnnotationSet, rast.StageRewriteRegoMetadataCalls,
	}
	for _, mode := range []struct {
		name string
		srcs map[string]string
		skip []rast.StageID
	}{
		{"all-stages", srcs, nil}, {"skip-checks", srcs, skip}, {"no-empty-options", withOpts, nil},
		{"no-empty-options-skip-checks", withOpts, skip}, // what the engine compiles now
	} {
		b.Run(mode.name, func(b *testing.B) {
			mods := parsePolicies(b, mode.srcs, false) // Compile works on copies, as in the engine
			b.ReportAllocs()
			defer cpuPerOp(b)()
			for b.Loop() {
				c := rast.NewCompiler().WithSkipStages(mode.skip...)
				if c.Compile(mods); c.Failed() {
					b.Fatal(c.Errors)
				}
			}
		})
	}
}

// policySources reads what the engine compiles for Dockerfiles: the embedded libraries,
// the enabled Dockerfile rules, their options modules and the aggregate query.
func policySources(b *testing.B) map[string]string {
	b.Helper()
	srcs := map[string]string{}
	dirs := []string{"lib"}
	for _, r := range loadRegistry(b).Rules() {
		if r.Target != model.KindDockerfile || !r.Enabled || r.Source != "builtin" {
			continue
		}
		dirs = append(dirs, r.Dir)
		// Options are compiled in as the engine does: one rule in the rule's package.
		opts := map[string]any{}
		for _, o := range r.Options {
			opts[o.Name] = o.Default
		}
		js, err := json.Marshal(opts)
		if err != nil {
			b.Fatal(err)
		}
		srcs["options/"+r.ID] = fmt.Sprintf("package infralint.rules.dockerfile[%q]\n\noptions := %s\n", r.ID, js)
	}
	for _, dir := range dirs {
		entries, err := fs.ReadDir(policies.FS, dir)
		if err != nil {
			b.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".rego") || strings.HasSuffix(e.Name(), "_test.rego") {
				continue
			}
			src, err := fs.ReadFile(policies.FS, dir+"/"+e.Name())
			if err != nil {
				b.Fatal(err)
			}
			srcs[dir+"/"+e.Name()] = string(src)
		}
	}
	srcs["aggregate.rego"] = `package infralint.main.dockerfile

findings contains {"rule": id, "result": r} if {
	some id
	some r in data.infralint.rules.dockerfile[id].deny
}
`
	return srcs
}

func parsePolicies(b *testing.B, srcs map[string]string, annotate bool) map[string]*rast.Module {
	mods := make(map[string]*rast.Module, len(srcs))
	for name, src := range srcs {
		m, err := rast.ParseModuleWithOpts(name, src, rast.ParserOptions{ProcessAnnotation: annotate})
		if err != nil {
			b.Fatal(err)
		}
		mods[name] = m
	}
	return mods
}

func loadRegistry(b *testing.B) *rules.Registry {
	b.Helper()
	reg, err := rules.Load()
	if err != nil {
		b.Fatal(err)
	}
	return reg
}

// prepareEngine returns an engine with the Dockerfile policies ready: the plans made at
// build time, or topdown compiling the Rego source (the reference).
func prepareEngine(b *testing.B, topdown bool) *rules.Engine {
	b.Helper()
	eng, err := rules.New(loadRegistry(b), rules.Selection{})
	if err != nil {
		b.Fatal(err)
	}
	if topdown {
		eng.UseTopdown()
	}
	if err := eng.Prepare(context.Background(), model.KindDockerfile); err != nil {
		b.Fatal(err)
	}
	return eng
}

func countKind(rs []model.Rule, kind model.Kind) int {
	n := 0
	for _, r := range rs {
		if r.Target == kind && r.Enabled {
			n++
		}
	}
	return n
}

// benchDocument parses the Dockerfile BenchmarkParse uses. It reads that constant from
// the parser's benchmark file rather than keeping a copy, so the two always agree and
// "evaluation costs N× parsing" compares the same file.
func benchDocument(b *testing.B) *model.Document {
	b.Helper()
	const file = "../parsers/dockerfile/parse_bench_test.go"
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		b.Fatal(err)
	}
	var src string
	ast.Inspect(f, func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok && len(vs.Names) == 1 && vs.Names[0].Name == "benchDockerfile" {
			if lit, ok := vs.Values[0].(*ast.BasicLit); ok {
				src, err = strconv.Unquote(lit.Value)
			}
		}
		return src == ""
	})
	if src == "" || err != nil {
		b.Fatalf("no benchDockerfile constant in %s (%v)", file, err)
	}
	doc, errs := dockerfile.Parse("Dockerfile", []byte(src))
	if doc == nil || len(errs) > 0 {
		b.Fatalf("the benchmark Dockerfile does not parse cleanly: %v", errs)
	}
	return doc
}

func corpusDir(b *testing.B) string {
	b.Helper()
	return testutil.Shared(b, "corpus", "dockerfiles")
}

// cpuPerOp reports the process's CPU time per iteration; call it as defer cpuPerOp(b)()
// right before the loop.
func cpuPerOp(b *testing.B) func() {
	start := cpuTime(b)
	return func() {
		b.ReportMetric(float64((cpuTime(b)-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}

func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkRuleCost evaluates every corpus Dockerfile with one default rule at a time
// (plans), to find the rules worth optimising: a sub-benchmark per rule, its time the
// rule's cost with the libraries it calls (a library value shared by several rules is
// paid by each here, once per document in a real run). Run it alone:
//
//	go test -run '^$' -bench BenchmarkRuleCost -benchtime 1x ./pkg/rules | sort -k3 -n
func BenchmarkRuleCost(b *testing.B) {
	var docs []*model.Document
	for _, f := range testutil.ReadFiles(b, corpusDir(b)) {
		if doc, _ := dockerfile.Parse(f.Path, f.Src); doc != nil {
			docs = append(docs, doc)
		}
	}
	reg := loadRegistry(b)
	ctx := context.Background()
	for _, r := range reg.Rules() {
		if r.Target != model.KindDockerfile || !r.Enabled {
			continue
		}
		b.Run(r.ID, func(b *testing.B) {
			eng, err := rules.New(reg, rules.Selection{Only: []string{r.ID}})
			if err != nil {
				b.Fatal(err)
			}
			if err := eng.Prepare(ctx, model.KindDockerfile); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				for _, doc := range docs {
					if _, err := eng.Evaluate(ctx, doc); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
