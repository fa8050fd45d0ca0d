package helm

import (
	"errors"
	"fmt"
	"github.com/infralint/infralint/internal/bytesize"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"
	"helm.sh/helm/v3/pkg/strvals"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/kubernetes"
)

// Options say how charts are rendered. The zero value renders with the chart's own
// values only, as `helm template` does.
type Options struct {
	// ValuesSets are the named sets of values a chart is rendered with, besides its
	// defaults (the set named "default"): such as dev: [values-dev.yaml]. Relative
	// file paths are read from the chart directory.
	ValuesSets []ValuesSet
	// Set holds --set style assignments (a.b=c) applied to every render, after the
	// values files.
	Set []string
	// ReleaseName and Namespace are .Release.Name and .Release.Namespace
	// (default "release-name" and "default", as `helm template`).
	ReleaseName string
	Namespace   string
	// KubeVersion is .Capabilities.KubeVersion (default DefaultKubeVersion).
	KubeVersion string
	// APIVersions are added to .Capabilities.APIVersions.
	APIVersions []string
	// Timeout bounds one render (default 10 s): a template that never ends is an
	// error after it.
	Timeout time.Duration
	// MaxOutput bounds the text one render may produce (default 8 MiB).
	MaxOutput int
	// MaxFileSize bounds one file of the chart (default 4 MiB); the whole chart may be
	// 16 times that.
	MaxFileSize int64
	// Sandbox, when set, renders in child processes that are stopped when they pass
	// Timeout or their memory limit (sandbox.go). Without it a render runs in this
	// process, and one that never ends is abandoned, still running.
	Sandbox *Sandbox
}

// ValuesSet is one named set of values.
type ValuesSet struct {
	Name  string
	Files []string
	Set   []string
}

// DefaultKubeVersion is the Kubernetes version charts are rendered for when none is
// configured: the one `helm template` of the Helm release infralint is built with uses.
const DefaultKubeVersion = "v1.37.0"

// DefaultSetName names the render with the chart's own values.
const DefaultSetName = "default"

func (o Options) withDefaults() Options {
	if o.ReleaseName == "" {
		o.ReleaseName = "release-name"
	}
	if o.Namespace == "" {
		o.Namespace = "default"
	}
	if o.KubeVersion == "" {
		o.KubeVersion = DefaultKubeVersion
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxOutput <= 0 {
		o.MaxOutput = 8 << 20
	}
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = 4 << 20
	}
	return o
}

// valuesFile is a values file of a set, with its text for positions.
type valuesFile struct {
	path  string // as reported
	src   *model.Source
	vals  map[string]any
	index *valuesSource
}

// readValuesFiles reads the files of a set. A relative path is read from the chart
// directory (it is an error for an archive chart).
func readValuesFiles(cf *chartFiles, names []string, limit int64) ([]*valuesFile, error) {
	var out []*valuesFile
	for _, n := range names {
		var data []byte
		var shown string
		if b, ok := cf.byName[filepath.ToSlash(filepath.Clean(n))]; ok && !filepath.IsAbs(n) {
			data, shown = b, cf.pathOf(filepath.ToSlash(filepath.Clean(n)))
		} else {
			p := n
			if !filepath.IsAbs(p) && !cf.archive {
				p = filepath.Join(cf.display, n)
			}
			b, err := readLimited(p, limit)
			if err != nil {
				if errors.Is(err, os.ErrNotExist) {
					return nil, fmt.Errorf("values file %s not found", n)
				}
				return nil, err
			}
			data, shown = b, p
		}
		vals, err := chartutil.ReadValues(data)
		if err != nil {
			return nil, valuesFileError(shown, data, err)
		}
		out = append(out, &valuesFile{path: shown, src: model.NewSource(data), vals: vals})
	}
	return out, nil
}

// placedError is an error in a file of the chart, at a line when one is known.
type placedError struct{ fe model.FileError }

func (e *placedError) Error() string { return e.fe.Message }

var yamlMessage = regexp.MustCompile(`yaml: .*$`)

// valuesFileError places an error of Helm's values reader in the values file.
func valuesFileError(file string, data []byte, err error) error {
	if m := yamlMessage.FindString(err.Error()); m != "" {
		return &placedError{kubernetes.YAMLError(file, model.NewSource(data), errors.New(m))}
	}
	return &placedError{model.FileError{File: file, Message: "invalid values: " + err.Error()}}
}

// userValues merges a set's files (later files win) and --set assignments, as Helm's
// values options do.
func userValues(files []*valuesFile, sets []string) (map[string]any, error) {
	base := map[string]any{}
	for _, f := range files {
		base = mergeMaps(base, f.vals)
	}
	for _, s := range sets {
		if err := strvals.ParseInto(s, base); err != nil {
			return nil, fmt.Errorf("--set %s: %w", s, err)
		}
	}
	return base, nil
}

func mergeMaps(a, b map[string]any) map[string]any {
	out := make(map[string]any, len(a))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if vm, ok := v.(map[string]any); ok {
			if bv, ok := out[k].(map[string]any); ok {
				out[k] = mergeMaps(bv, vm)
				continue
			}
		}
		out[k] = v
	}
	return out
}

// rendered is the output of one render: template name (as Helm keys it,
// <chart>/templates/x.yaml) → text.
type rendered map[string]string

// DefaultTimeout bounds one render when Options.Timeout is 0.
const DefaultTimeout = 10 * time.Second

// errTimeout and errTooBig are the bounded-render errors.
var (
	errTimeout = errors.New("rendering did not finish")
	errTooBig  = errors.New("rendering produced too much output")
)

// render renders a chart tree with user values in this process. The render runs in
// its own goroutine and is abandoned after the timeout: Go cannot stop it, but the run
// goes on and the chart is reported as an error. The output limit is checked when the
// render ends. Only a Sandbox (sandbox.go) bounds a render's time and memory for
// certain; this is the path of the library's zero Options and of the tests.
func render(ch *chart.Chart, vals map[string]any, o Options) (rendered, error) {
	type result struct {
		out rendered
		err error
	}
	done := make(chan result, 1)
	go func() {
		out, err := renderNow(ch, vals, o)
		done <- result{out, err}
	}()
	timer := time.NewTimer(o.Timeout)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.out, r.err
	case <-timer.C:
		abandoned.Add(1)
		return nil, timeoutError(o.Timeout)
	}
}

// abandoned counts the renders of this process that ran out of time and still run.
var abandoned atomic.Int64

// AbandonedRenders is the number of renders this process gave up waiting for, which
// still run: a process that has any should end (as a child linting charts does, when it
// has answered) rather than share its processors with them.
func AbandonedRenders() int64 { return abandoned.Load() }

func timeoutError(d time.Duration) error {
	return fmt.Errorf("%w within %s: a template loops or recurses without end", errTimeout, d)
}

// renderNow renders a chart tree with user values, as `helm template` does, and
// refuses output over the limit. Helm's own limit ends `include` recursion.
func renderNow(ch *chart.Chart, vals map[string]any, o Options) (out rendered, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("template engine panicked: %v", p)
		}
	}()
	if err := chartutil.ProcessDependenciesWithMerge(ch, vals); err != nil {
		return nil, err
	}
	caps := chartutil.DefaultCapabilities.Copy()
	kv, err := chartutil.ParseKubeVersion(o.KubeVersion)
	if err != nil {
		return nil, fmt.Errorf("kube version %q: %w", o.KubeVersion, err)
	}
	caps.KubeVersion = *kv
	if len(o.APIVersions) > 0 {
		caps.APIVersions = append(append(chartutil.VersionSet{}, caps.APIVersions...), o.APIVersions...)
	}
	if ch.Metadata.KubeVersion != "" && !chartutil.IsCompatibleRange(ch.Metadata.KubeVersion, caps.KubeVersion.String()) {
		return nil, fmt.Errorf("chart requires kubeVersion %s, which is incompatible with Kubernetes %s (set the kube version to render it)", ch.Metadata.KubeVersion, caps.KubeVersion.String())
	}
	top, err := chartutil.ToRenderValues(ch, vals, chartutil.ReleaseOptions{
		Name: o.ReleaseName, Namespace: o.Namespace, Revision: 1, IsInstall: true,
	}, caps)
	if err != nil {
		return nil, err
	}
	out, err = engine.Render(ch, top)
	if err != nil {
		return nil, err
	}
	total := 0
	for _, s := range out {
		total += len(s)
	}
	if total > o.MaxOutput {
		return nil, tooBigError(total, o.MaxOutput)
	}
	return out, nil
}

func tooBigError(total, limit int) error {
	return fmt.Errorf("%w: %d KiB, over the %s limit", errTooBig, total>>10, bytesize.Format(int64(limit)))
}

// templateError is a render error with the template and line Helm names.
type templateError struct {
	template string // Helm's name: <chart>/templates/x.yaml
	line     int
	msg      string
}

var helmErrLoc = regexp.MustCompile(`(?:template: ([^:\s()]+):(\d+)(?::\d+)?: |execution error at \(([^:\s()]+):(\d+)(?::\d+)?\): )`)

// parseRenderError finds the innermost template and line in a Helm error message.
func parseRenderError(err error) templateError {
	msg := err.Error()
	te := templateError{msg: msg}
	ms := helmErrLoc.FindAllStringSubmatch(msg, -1)
	if len(ms) > 0 {
		m := ms[len(ms)-1]
		te.template, te.line = m[1], atoi(m[2])
		if m[3] != "" {
			te.template, te.line = m[3], atoi(m[4])
		}
		// Helm repeats the location chain; keep the message after the last location.
		if i := strings.LastIndex(msg, m[0]); i >= 0 {
			te.msg = strings.TrimSpace(msg[i+len(m[0]):])
		}
	}
	return te
}

// sortedNames lists rendered templates in a stable order.
func sortedNames(r rendered) []string {
	names := make([]string, 0, len(r))
	for n := range r {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
