package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/infralint/infralint/pkg/config"
	"github.com/infralint/infralint/pkg/lint"
	"github.com/infralint/infralint/pkg/report"
	"github.com/infralint/infralint/pkg/rules"
)

// editorFlags are how pre-commit and editors call infralint: with the files that
// changed, or with an unsaved buffer on standard input.
type editorFlags struct {
	stdin         bool
	stdinFilename string
	changed       bool
}

func addEditorFlags(cmd *cobra.Command, ef *editorFlags) {
	f := cmd.Flags()
	f.BoolVar(&ef.stdin, "stdin", false,
		"lint standard input as if it were the file --stdin-filename (an editor's unsaved buffer)")
	f.StringVar(&ef.stdinFilename, "stdin-filename", "",
		"the path standard input stands for: its name tells the kind, the configuration is found from its directory, findings name it (default \"Dockerfile\")")
	f.BoolVar(&ef.changed, "changed-files", false,
		"the PATHs are files that changed (pre-commit, editors): lint each as a directory walk would, with its Helm chart, its directory's manifests or its Compose project, and skip files a walk skips (a YAML file that is no manifest)")
}

// check rejects combinations that cannot mean anything.
func (ef *editorFlags) check(paths []string) error {
	switch {
	case ef.stdinFilename != "" && !ef.stdin:
		return usageError("--stdin-filename needs --stdin")
	case ef.stdin && len(paths) > 0:
		return usageError("--stdin lints standard input: give no PATH (name the file with --stdin-filename)")
	}
	return nil
}

// filename is the path standard input stands for.
func (ef *editorFlags) filename() string {
	if ef.stdinFilename == "" {
		return "Dockerfile"
	}
	return ef.stdinFilename
}

// loadLintConfig reads the configuration of a lint run: found from the working
// directory, or with --stdin from the directory of --stdin-filename, so that an
// editor linting a file of another repository gets that repository's configuration.
func loadLintConfig(cf *configFlags, ef *editorFlags) (*config.Config, error) {
	if !ef.stdin {
		return loadConfig(cf)
	}
	return loadConfigFrom(cf, filepath.Dir(ef.filename()))
}

// loadConfigFrom is loadConfig with the search starting in dir rather than in the
// working directory. Relative paths in the file still resolve against its directory.
func loadConfigFrom(cf *configFlags, dir string) (*config.Config, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if cf.none || cf.path != "" {
		return loadConfig(cf)
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		// A buffer that is not saved anywhere yet: the working directory decides.
		return loadConfig(cf)
	}
	found, err := config.Find(dir)
	if err != nil {
		return nil, &exitError{code: ExitError, err: fmt.Errorf("looking for a configuration file: %w", err)}
	}
	if found == "" {
		return config.Default(cwd), nil
	}
	cfg, err := config.Load(relative(cwd, found))
	if err != nil {
		return nil, &exitError{code: ExitError, err: err}
	}
	return cfg, nil
}

// lintStdin lints standard input as the file --stdin-filename names.
func lintStdin(ctx context.Context, s Streams, ef *editorFlags, eng *rules.Engine, opts lint.Options) (*report.Result, error) {
	limit := opts.MaxFileSize
	if limit <= 0 {
		limit = lint.DefaultMaxFileSize
	}
	src, err := io.ReadAll(io.LimitReader(s.In, limit+1))
	if err != nil {
		return nil, &exitError{code: ExitError, err: fmt.Errorf("reading standard input: %w", err)}
	}
	if int64(len(src)) > limit {
		return nil, &exitError{code: ExitError, err: fmt.Errorf("standard input is larger than the %s limit", config.ByteSize(limit))}
	}
	return lint.Buffer(ctx, eng, ef.filename(), src, opts), nil
}
