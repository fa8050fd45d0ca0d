// Package cli is infralint's command line: flag parsing, output files and exit codes.
// The work itself is done by pkg/lint; this package only wires it to the terminal.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/pkg/config"
	"github.com/infralint/infralint/pkg/lint"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/report"
	"github.com/infralint/infralint/pkg/suppress"
)

// Streams are where a command reads and writes; tests give buffers.
type Streams struct {
	In       io.Reader
	Out, Err io.Writer
	// Getenv reads the environment (NO_COLOR); tests give a map.
	Getenv func(string) string
	// IsTerminal reports whether Out is a terminal, for colour.
	IsTerminal func() bool
}

// DefaultStreams are the process's own.
func DefaultStreams() Streams {
	return Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv, IsTerminal: stdoutIsTerminal}
}

func stdoutIsTerminal() bool {
	fi, err := os.Stdout.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

type lintFlags struct {
	formats  []string
	failOn   string
	noColor  bool
	jobs     int
	policies []string
	enable   []string
	disable  []string
	only     []string

	cfg               configFlags
	helm              helmFlags // helmflags.go
	baseline          string
	writeBaseline     string
	includeSuppressed bool
	noInlineIgnores   bool

	editor editorFlags // stdin.go
	cache  cacheFlags  // cache.go
}

// NewRoot builds the infralint command tree.
func NewRoot(s Streams) *cobra.Command {
	lf := &lintFlags{}
	root := &cobra.Command{
		Use:   "infralint [PATH...]",
		Short: "Lint Dockerfiles against Docker's published best practices",
		Long: "infralint lints the files a team ships its infrastructure in against Docker's and\n" +
			"Kubernetes' published best practices, and reports in text, JSON or SARIF.\n\n" +
			"With no PATH it lints the current directory.",
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       Version(),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLint(cmd, s, lf, args)
		},
	}
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetIn(s.In)
	root.SetVersionTemplate("infralint {{.Version}}\n")
	addLintFlags(root, lf)

	lintCmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Lint files and directories (the default command)",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLint(cmd, s, lf, args)
		},
	}
	addLintFlags(lintCmd, lf)
	root.AddCommand(lintCmd, newRulesCmd(s), newExplainCmd(s), newParseCmd(s), newVersionCmd(s),
		newConfigCmd(s), newNewCmd(s), newTestCmd(s), newLSPCmd(s))
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError("%v", err) })
	return root
}

func addLintFlags(cmd *cobra.Command, lf *lintFlags) {
	f := cmd.Flags()
	f.StringArrayVarP(&lf.formats, "format", "f", nil,
		"output format: text, json, sarif, github, checkstyle, junit or codeclimate (gitlab); FORMAT=FILE writes to a file (repeat for several outputs)")
	f.StringVar(&lf.failOn, "fail-on", "warning", "exit 1 when a finding is at or above this severity: error, warning, info or none")
	f.BoolVar(&lf.noColor, "no-color", false, "no colour in text output (NO_COLOR is honoured too)")
	f.IntVarP(&lf.jobs, "jobs", "j", 0, "files linted in parallel (default: one per CPU)")
	f.StringArrayVar(&lf.policies, "policy", nil, "directory of extra Rego policies (repeatable)")
	f.StringSliceVar(&lf.enable, "enable", nil, "turn on rules that are off by default (IDs or aliases, comma-separated)")
	f.StringSliceVar(&lf.disable, "disable", nil, "turn rules off (IDs or aliases, comma-separated)")
	f.StringSliceVar(&lf.only, "only", nil, "run only these rules (IDs or aliases, comma-separated)")
	addConfigFlags(cmd, &lf.cfg)
	addHelmFlags(cmd, &lf.helm)
	f.StringVar(&lf.baseline, "baseline", "", "report only findings that are not in this baseline file (written by --write-baseline)")
	f.StringVar(&lf.writeBaseline, "write-baseline", "", "record every finding in this baseline file; the run then exits 0 unless a file could not be parsed")
	f.BoolVar(&lf.includeSuppressed, "include-suppressed", false, "show suppressed and baselined findings, marked (they never count for --fail-on)")
	f.BoolVar(&lf.noInlineIgnores, "no-inline-ignores", false, "ignore suppression comments and infralint.io/ignore annotations")
	addEditorFlags(cmd, &lf.editor)
	addCacheFlags(cmd, &lf.cache)
}

// output is one requested report: a format and where it goes.
type output struct {
	format string
	path   string // "" for standard output
}

func parseOutputs(specs []string) ([]output, error) {
	if len(specs) == 0 {
		return []output{{format: "text"}}, nil
	}
	var outs []output
	toStdout := 0
	for _, spec := range specs {
		format, path, _ := strings.Cut(spec, "=")
		if _, err := report.New(format, io.Discard, report.Options{}); err != nil {
			return nil, err
		}
		if path == "" || path == "-" {
			path = ""
			toStdout++
		}
		outs = append(outs, output{format: format, path: path})
	}
	if toStdout > 1 {
		return nil, errors.New("only one --format can write to standard output; give the others a file (--format sarif=out.sarif)")
	}
	return outs, nil
}

func runLint(cmd *cobra.Command, s Streams, lf *lintFlags, paths []string) error {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	set, err := applyEnv(cmd, s.Getenv)
	if err != nil {
		return usageError("%v", err)
	}
	if err := lf.editor.check(paths); err != nil {
		return err
	}
	cfg, err := loadLintConfig(&lf.cfg, &lf.editor)
	if err != nil {
		return err
	}
	failOnName := lf.failOn
	if !set["fail-on"] && cfg.FailOn != "" {
		failOnName = cfg.FailOn
	}
	failOn, err := model.ParseSeverity(failOnName)
	if err != nil {
		return usageError("--fail-on: %v", err)
	}
	outs, err := parseOutputs(lf.formats)
	if err != nil {
		return usageError("--format: %v", err)
	}
	if lf.jobs < 0 {
		return usageError("--jobs must be 0 (all cores) or more")
	}
	reg, err := loadRegistry(cfg, lf.policies)
	if err != nil {
		return err
	}
	cwd, err := os.Getwd()
	if err != nil {
		return &exitError{code: ExitError, err: err}
	}
	helmCfg, err := lf.helm.apply(cmd, cfg.Helm, cwd)
	if err != nil {
		return err
	}
	plan, err := cfg.Plan(reg, config.Flags{Only: lf.only, Enable: lf.enable, Disable: lf.disable}, cwd)
	if err != nil {
		return usageError("%v", err)
	}
	eng, err := newEngine(reg, plan)
	if err != nil {
		return err
	}
	opts := lint.Options{
		Jobs:              lf.jobs,
		Plan:              plan,
		Helm:              helmCfg,
		Compose:           cfg.Compose,
		NoInlineIgnores:   lf.noInlineIgnores,
		IncludeSuppressed: lf.includeSuppressed,
		Changed:           lf.editor.changed,
	}
	applyLimits(&opts, cfg.Limits)
	if child, err := serveCharts(ctx, s, eng, opts); child {
		return err
	}
	baselinePath := lf.baseline
	if !set["baseline"] && cfg.Baseline != "" {
		baselinePath = relative(cwd, cfg.Baseline)
	}
	if baselinePath != "" {
		opts.Baseline, err = suppress.ReadBaseline(baselinePath)
		// Writing a baseline for the first time: the file it replaces need not exist.
		if err != nil && (lf.writeBaseline == "" || !errors.Is(err, fs.ErrNotExist)) {
			return usageError("%v", err)
		}
		if opts.Baseline != nil && !anyExists(opts.Baseline.Files()) {
			// Paths in a baseline are as infralint printed them: relative to where it ran.
			fmt.Fprintf(s.Err, "%s: warning: none of the baseline's files exist from here; was it written in another directory?\n", baselinePath)
		}
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	opts.HelmSandbox = helmSandbox(cfg.Limits)
	defer opts.HelmSandbox.Close()
	var res *report.Result
	if lf.editor.stdin {
		if res, err = lintStdin(ctx, s, &lf.editor, eng, opts); err != nil {
			return err
		}
	} else {
		opts.ChartProcs = newChartProcs(cmd, set, cfg.Limits)
		defer opts.ChartProcs.Close()
		opts.Cache = lf.cache.open(cfg, lf, plan, cwd)
		limit := startSoftLimit() // memlimit.go
		defer limit.stop()
		opts.Kept = limit.kept
		res = lint.Paths(ctx, eng, paths, opts)
		lf.cache.close(s, opts.Cache)
	}
	res.Tool = report.Tool{Name: "infralint", Version: Version(), InformationURI: "https://github.com/infralint/infralint"}
	for _, w := range res.Warnings {
		fmt.Fprintln(s.Err, warningLine(w))
	}

	color := !lf.noColor && s.Getenv("NO_COLOR") == "" && s.IsTerminal()
	for _, o := range outs {
		if err := writeReport(s, o, res, color); err != nil {
			return &exitError{code: ExitError, err: err}
		}
	}
	if lf.writeBaseline != "" {
		return writeBaseline(s, lf.writeBaseline, res)
	}
	switch {
	case len(res.Errors) > 0:
		return &exitError{code: ExitError, silent: true}
	case failOn != model.SeverityNone && hasFindingAtOrAbove(res.Findings, failOn):
		return &exitError{code: ExitFindings, silent: true}
	}
	return nil
}

func anyExists(paths []string) bool {
	if len(paths) == 0 {
		return true
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			return true
		}
	}
	return false
}

// warningLine is a suppression problem as standard error shows it.
func warningLine(w model.FileError) string {
	if w.Range == nil {
		return w.File + ": warning: " + w.Message
	}
	return fmt.Sprintf("%s:%d:%d: warning: %s", w.File, w.Range.Start.Line, w.Range.Start.Column, w.Message)
}

// writeBaseline records every finding of the run that is not suppressed by a comment:
// the reported ones and those already in the baseline it replaces.
func writeBaseline(s Streams, path string, res *report.Result) error {
	all := append([]model.Finding{}, res.Findings...)
	for _, f := range res.Suppressed {
		if f.Suppressed != nil && f.Suppressed.Kind == model.SuppressExternal {
			all = append(all, f)
		}
	}
	b := suppress.NewBaseline(all)
	if err := b.WriteFile(path); err != nil {
		return &exitError{code: ExitError, err: fmt.Errorf("--write-baseline: %w", err)}
	}
	fmt.Fprintf(s.Err, "infralint: wrote %d findings to %s\n", len(b.Findings), path)
	if len(res.Errors) > 0 {
		return &exitError{code: ExitError, silent: true}
	}
	return nil
}

func hasFindingAtOrAbove(fs []model.Finding, sev model.Severity) bool {
	for _, f := range fs {
		if f.Severity >= sev {
			return true
		}
	}
	return false
}

func writeReport(s Streams, o output, res *report.Result, color bool) error {
	if o.path == "" {
		rep, err := report.New(o.format, s.Out, report.Options{Color: color})
		if err != nil {
			return err
		}
		return rep.Report(res)
	}
	f, err := os.Create(o.path)
	if err != nil {
		return fmt.Errorf("--format %s: %w", o.format, err)
	}
	rep, err := report.New(o.format, f, report.Options{})
	if err == nil {
		err = rep.Report(res)
	}
	// The report's own error matters more than a failed close after it.
	return errors.Join(err, f.Close())
}
