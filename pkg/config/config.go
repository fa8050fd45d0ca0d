// Package config reads .infralint.yaml: where it is, what it says, and what it means for a
// run. It is strict: an unknown key, rule or option is an error that names the file's
// line and what was probably meant, so a typo never silently turns a setting off.
//
// Precedence, highest first: command-line flags, INFRALINT_* environment variables, the
// file, the rules' METADATA defaults. The CLI applies flags and the environment; this
// package reads the file and resolves rules against the registry (Plan).
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/infralint/infralint/pkg/model"
)

// Names are the file names searched for, in order, in each directory.
var Names = []string{".infralint.yaml", ".infralint.yml"}

// Config is a configuration file. The doc tags are the descriptions in
// schemas/config.json (generated from these types by `go generate ./...`).
type Config struct {
	// Version of the file format; 1 when omitted.
	Version int `yaml:"version" doc:"The version of this file's format. Only 1 exists; omit it or write 1."`
	// FailOn is the --fail-on default; "" leaves it to the flag's default.
	FailOn string `yaml:"fail-on" doc:"Exit with status 1 when a finding is at or above this severity (the --fail-on default): error, warning, info or none." enum:"error,warning,info,none"`
	// Rules configures rules by ID or alias.
	Rules Rules `yaml:"rules" doc:"Rules by ID or alias (as in hadolint: DL3008): off, on, a severity, or {severity, enabled, options}. A severity turns a rule that is off by default on."`
	// Exclude lists path patterns with gitignore semantics, relative to the file's directory.
	Exclude []string `yaml:"exclude" doc:"Files and directories never linted, as .gitignore patterns relative to this file's directory (a leading ! re-includes). Applies to files named on the command line too."`
	// Overrides refine rules for some paths; later ones win.
	Overrides []Override `yaml:"overrides" doc:"Rule settings for some paths only, such as a rule off under examples/. Later entries win over earlier ones and over rules."`
	// Policies are extra Rego policy directories, resolved against Dir.
	Policies []string `yaml:"policies" doc:"Directories of your own Rego rules (as --policy), relative to this file's directory."`
	// Baseline is the --baseline default, resolved against Dir.
	Baseline string `yaml:"baseline" doc:"A baseline file (written by --write-baseline), relative to this file's directory: findings recorded in it are counted, not reported."`
	// RequireReason turns on the built-in rule suppression-without-reason.
	RequireReason bool `yaml:"require-reason" doc:"Report suppression comments that give no reason after ' -- ' (turns on the rule suppression-without-reason)."`
	// Helm is what the Helm parser reads.
	Helm Helm `yaml:"helm" doc:"How Helm charts are rendered for linting."`
	// Compose is what the Compose parser reads.
	Compose Compose `yaml:"compose" doc:"How Compose projects are loaded for linting."`
	// Limits bound what one input may cost.
	Limits Limits `yaml:"limits" doc:"Bounds on what one input may cost. The defaults suit every file a person maintains; raise one for a generated file that passes it."`

	// Path is the file this was read from; "" when there is none.
	Path string `yaml:"-"`
	// Dir is the directory relative paths in the file are resolved against: the file's
	// own directory (the working directory when there is no file).
	Dir string `yaml:"-"`
}

// Helm configures how charts are rendered. The Helm parser reads it from lint.Options.
type Helm struct {
	// ValuesSets names sets of values files; a chart is rendered once per set and a
	// finding names the sets it appears under. Files are relative to the chart's
	// directory (as `helm template` run inside it), so one set serves every chart.
	ValuesSets map[string][]string `yaml:"values-sets" doc:"Named sets of values files, relative to each chart's directory; a chart is rendered once per set (default: one set with the chart's values.yaml)."`
	// ReleaseName is .Release.Name.
	ReleaseName string `yaml:"release-name" doc:"The release name templates see as .Release.Name."`
	// Namespace is .Release.Namespace.
	Namespace string `yaml:"namespace" doc:"The namespace templates see as .Release.Namespace."`
	// KubeVersion is .Capabilities.KubeVersion, such as "1.30.0".
	KubeVersion string `yaml:"kube-version" doc:"The Kubernetes version templates see as .Capabilities.KubeVersion, such as 1.30.0."`
	// APIVersions are extra .Capabilities.APIVersions, such as "monitoring.coreos.com/v1".
	APIVersions []string `yaml:"api-versions" doc:"Extra API versions templates see in .Capabilities.APIVersions, such as monitoring.coreos.com/v1."`
	// Set are values as `helm --set` takes them: "image.tag=1.2.3".
	Set []string `yaml:"set" doc:"Values as helm --set takes them, such as image.tag=1.2.3, applied after every values set."`
}

// Compose configures how Compose projects are loaded. The Compose parser reads it from
// lint.Options. Paths are resolved against the configuration file's directory when it
// is read, so the parser gets paths it can open.
type Compose struct {
	// Files are the Compose files of one project, in override order.
	Files []string `yaml:"files" doc:"The Compose files of one project, in the order they override each other (as docker compose -f), relative to this file's directory."`
	// EnvFiles are read for ${VAR} interpolation.
	EnvFiles []string `yaml:"env-files" doc:"Files of VAR=value lines used for ${VAR} interpolation (as docker compose --env-file), relative to this file's directory."`
	// Profiles are the active profiles.
	Profiles []string `yaml:"profiles" doc:"The active Compose profiles: services of other profiles are not linted."`
	// ProjectName is the project name, as docker compose -p.
	ProjectName string `yaml:"project-name" doc:"The project name (as docker compose -p)."`
}

// Override is a rule setting for some paths.
type Override struct {
	Paths []string `yaml:"paths" doc:"Path patterns with .gitignore semantics, relative to this file's directory."`
	Rules Rules    `yaml:"rules" doc:"Rules by ID or alias: off, on, a severity, or {severity, enabled}. Options cannot vary by path."`
	pos   pos
}

// Rules maps rule IDs or aliases to settings.
type Rules map[string]*Rule

// Rule is the setting of one rule.
type Rule struct {
	// Severity overrides the METADATA severity; SeverityNone keeps it.
	Severity model.Severity
	// Enabled turns the rule on or off; nil leaves it on when a severity is given and as
	// the METADATA says otherwise.
	Enabled *bool
	// Options override option defaults by name.
	Options map[string]any

	pos     pos            // of the rule's key
	optPos  map[string]pos // of each option's key
	options bool           // an options key was written
}

// On returns whether the rule is on, given whether it was on before this setting.
func (r *Rule) On(before bool) bool {
	switch {
	case r.Enabled != nil:
		return *r.Enabled
	case r.Severity != model.SeverityNone:
		return true
	}
	return before
}

// pos is a place in the file.
type pos struct{ line, column int }

// Error is a problem in a configuration file, at a line.
type Error struct {
	File   string
	Line   int
	Column int
	Msg    string
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
	case e.File != "":
		return e.File + ": " + e.Msg
	}
	return e.Msg
}

// Find looks for a configuration file in dir and its parents. It stops after the
// first directory that holds .git (the root of the repository) or at the root of the
// filesystem. It returns "" when there is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		for _, name := range Names {
			p := filepath.Join(dir, name)
			if info, err := os.Stat(p); err == nil && !info.IsDir() {
				return p, nil
			} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return "", err
			}
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads and checks the structure of a configuration file. Rule names and options
// are checked against the registry by Check (or Plan), once the policies it names are
// loaded.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	return Parse(path, data)
}

// Default is the configuration of a run without a file: relative paths are resolved
// against dir (the working directory).
func Default(dir string) *Config {
	return &Config{Version: 1, Dir: dir}
}

// resolve turns the file's relative paths into paths from the working directory.
func (c *Config) resolve() {
	join := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(c.Dir, filepath.FromSlash(p))
	}
	for i, p := range c.Policies {
		c.Policies[i] = join(p)
	}
	c.Baseline = join(c.Baseline)
	for i, p := range c.Compose.Files {
		c.Compose.Files[i] = join(p)
	}
	for i, p := range c.Compose.EnvFiles {
		c.Compose.EnvFiles[i] = join(p)
	}
}
