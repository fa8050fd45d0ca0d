package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/pkg/config"
	"github.com/infralint/infralint/pkg/lint"
	"github.com/infralint/infralint/pkg/lsp"
	"github.com/infralint/infralint/pkg/parsers/helm"
	"github.com/infralint/infralint/pkg/report"
	"github.com/infralint/infralint/pkg/rules"
	"github.com/infralint/infralint/pkg/suppress"
)

func newLSPCmd(s Streams) *cobra.Command {
	ll := &lspLinter{engines: map[string]*lspEngine{}}
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run the language server (LSP over standard input and output) for editors",
		Long: "infralint lsp is a language server: an editor starts it and talks to it over standard\n" +
			"input and output. It lints each open Dockerfile, Compose file, Kubernetes manifest\n" +
			"and Helm chart file as `infralint` would lint it in CI (the configuration is found\n" +
			"from the file's directory) and shows the findings as diagnostics, with a quick fix\n" +
			"that adds an ignore comment. See docs/integrations.md for editor set-up.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			if ll.cfg.path != "" {
				abs, err := filepath.Abs(ll.cfg.path)
				if err != nil {
					return usageError("--config: %v", err)
				}
				ll.cfg.path = abs
			}
			ll.sandbox = helmSandbox(config.Limits{}) // one for every configuration the server reads
			defer ll.sandbox.Close()
			ll.sandbox.StopIdleAfter(lspRenderIdle)
			err := lsp.Serve(ctx, s.In, s.Out, ll, lsp.Options{Version: Version(), Log: s.Err})
			if errors.Is(err, lsp.ErrNoShutdown) {
				return &exitError{code: 1, silent: true}
			}
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&ll.policies, "policy", nil, "directory of extra Rego policies (repeatable)")
	addConfigFlags(cmd, &ll.cfg)
	// Editors' LSP clients (vscode-languageclient) name the transport; stdio is the only one.
	f.Bool("stdio", true, "talk over standard input and output (the default and only transport)")
	return cmd
}

// lspRenderIdle is how long the language server keeps a render child that has nothing
// to do. An idle child holds the memory of the last chart it rendered (51 MB of
// proportional set size after kube-prometheus-stack, the largest chart of the
// measurement corpus, beside the server's own 61 MB) for as long as the editor runs;
// after a pause this long, the next render pays for starting a child (tens of ms).
const lspRenderIdle = 30 * time.Second

// lspLinter lints editor buffers as the CLI lints files: with the configuration found
// from the file's directory (or --config), the rules it turns on, its suppressions and
// baseline. Engines are kept per configuration file and rebuilt when it changes.
type lspLinter struct {
	cfg      configFlags
	policies []string
	// sandbox renders the charts of the server's whole life: a template that never
	// ends must not leave a goroutine spinning in a process that runs for days.
	sandbox *helm.Sandbox

	mu      sync.Mutex
	engines map[string]*lspEngine // by configuration file ("" for none)
}

type lspEngine struct {
	modTime  time.Time
	cfg      *config.Config
	plan     *config.Plan
	eng      *rules.Engine
	baseline *suppress.Baseline
}

// Lint lints text as the file at path. A path under the working directory (where the
// editor started the server: usually the workspace root) is made relative to it, as
// findings and baselines name files in a CLI run from there.
func (l *lspLinter) Lint(ctx context.Context, path string, text []byte) (*report.Result, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if filepath.IsAbs(path) {
		if rel, err := filepath.Rel(cwd, path); err == nil && !strings.HasPrefix(rel, "..") {
			path = rel
		}
	}
	e, err := l.engine(filepath.Dir(path), cwd)
	if err != nil {
		return nil, err
	}
	opts := lint.Options{
		Plan:        e.plan,
		Helm:        e.cfg.Helm,
		Compose:     e.cfg.Compose,
		HelmSandbox: l.sandbox,
		Baseline:    e.baseline,
		Changed:     true, // a file of no kind infralint lints gets no diagnostics
	}
	applyLimits(&opts, e.cfg.Limits)
	return lint.Buffer(ctx, e.eng, path, text, opts), nil
}

// engine returns the engine for files in dir, building it when its configuration file
// is new or has changed.
func (l *lspLinter) engine(dir, cwd string) (*lspEngine, error) {
	cfgPath := l.cfg.path
	if cfgPath == "" && !l.cfg.none {
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			dir = cwd // an unsaved buffer
		}
		found, err := config.Find(dir)
		if err != nil {
			return nil, fmt.Errorf("looking for a configuration file: %w", err)
		}
		cfgPath = found
	}
	var mod time.Time
	if cfgPath != "" {
		info, err := os.Stat(cfgPath)
		if err != nil {
			return nil, fmt.Errorf("configuration: %w", err)
		}
		mod = info.ModTime()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if e, ok := l.engines[cfgPath]; ok && e.modTime.Equal(mod) {
		return e, nil
	}
	cfg := config.Default(cwd)
	if cfgPath != "" {
		var err error
		if cfg, err = config.Load(cfgPath); err != nil {
			return nil, err
		}
	}
	reg, err := loadRegistry(cfg, l.policies)
	if err != nil {
		return nil, err
	}
	plan, err := cfg.Plan(reg, config.Flags{}, cwd)
	if err != nil {
		return nil, err
	}
	eng, err := newEngine(reg, plan)
	if err != nil {
		return nil, err
	}
	e := &lspEngine{modTime: mod, cfg: cfg, plan: plan, eng: eng}
	if cfg.Baseline != "" {
		b, err := suppress.ReadBaseline(cfg.Baseline)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		e.baseline = b
	}
	l.engines[cfgPath] = e
	return e, nil
}
