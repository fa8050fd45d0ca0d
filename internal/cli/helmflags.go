package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/strvals"

	"github.com/infralint/infralint/pkg/config"
)

// CLIValuesSet names the values set that --values files form.
const CLIValuesSet = "cli"

// helmFlags choose how Helm charts are rendered; each has a helm: setting in the
// configuration file (docs/helm.md).
type helmFlags struct {
	values      []string
	set         []string
	releaseName string
	namespace   string
	kubeVersion string
	apiVersions []string
}

func addHelmFlags(cmd *cobra.Command, hf *helmFlags) {
	f := cmd.Flags()
	f.StringArrayVar(&hf.values, "values", nil,
		"Helm values file, relative to the working directory (repeatable; later files win, as helm -f): together they form the values set \""+
			CLIValuesSet+"\", which replaces the configured values sets; charts are still rendered with their default values too")
	f.StringArrayVar(&hf.set, "set", nil,
		"Helm value as helm --set takes it, such as image.tag=1.2.3 (repeatable), applied to every render after the values files and the configuration's helm.set")
	f.StringVar(&hf.releaseName, "release-name", "", "the release name Helm templates see as .Release.Name (default \"release-name\")")
	f.StringVar(&hf.namespace, "namespace", "", "the namespace Helm templates see as .Release.Namespace (default \"default\")")
	f.StringVar(&hf.kubeVersion, "kube-version", "", "the Kubernetes version Helm templates see as .Capabilities.KubeVersion, such as 1.30.0")
	f.StringSliceVar(&hf.apiVersions, "api-versions", nil,
		"extra API versions Helm templates see in .Capabilities.APIVersions, such as monitoring.coreos.com/v1 (comma-separated, repeatable)")
}

// apply returns the configuration's Helm settings with the flags given on the command
// line: --values replaces the configured values sets, --release-name, --namespace and
// --kube-version replace their settings, and --set and --api-versions add to theirs (a
// --set of a key the configuration also sets wins, as a later --set does in Helm).
// Values files are checked here, so that a missing or broken one stops the run before
// any chart is rendered instead of failing every chart.
func (hf *helmFlags) apply(cmd *cobra.Command, h config.Helm, cwd string) (config.Helm, error) {
	changed := func(name string) bool {
		f := cmd.Flags().Lookup(name)
		return f != nil && f.Changed
	}
	if changed("values") {
		files := make([]string, 0, len(hf.values))
		for _, p := range hf.values {
			abs, err := checkValuesFile(cwd, p)
			if err != nil {
				return h, usageError("--values %v", err)
			}
			files = append(files, abs)
		}
		// Relative to the working directory, as helm -f: the Helm parser reads relative
		// paths from each chart's directory, so the flag hands it absolute ones.
		h.ValuesSets = map[string][]string{CLIValuesSet: files}
	}
	if changed("set") {
		for _, s := range hf.set {
			if err := strvals.ParseInto(s, map[string]any{}); err != nil {
				return h, usageError("--set %s: %v (the form is key=value, such as image.tag=1.2.3 or a.b[0].c=x)", s, err)
			}
		}
		h.Set = append(slices.Clone(h.Set), hf.set...)
	}
	if changed("release-name") {
		if err := chartutil.ValidateReleaseName(hf.releaseName); err != nil {
			return h, usageError("--release-name %q: %v", hf.releaseName, err)
		}
		h.ReleaseName = hf.releaseName
	}
	if changed("namespace") {
		if hf.namespace == "" {
			return h, usageError("--namespace: empty")
		}
		h.Namespace = hf.namespace
	}
	if changed("kube-version") {
		if _, err := chartutil.ParseKubeVersion(hf.kubeVersion); err != nil {
			return h, usageError("--kube-version %q: %v (such as 1.30.0)", hf.kubeVersion, err)
		}
		h.KubeVersion = hf.kubeVersion
	}
	if changed("api-versions") {
		h.APIVersions = append(slices.Clone(h.APIVersions), hf.apiVersions...)
	}
	return h, nil
}

// yamlLine splits a YAML parser error ("yaml: line 3: mapping values are not allowed
// in this context") into its line and message.
func yamlLine(err error) (line, msg string, ok bool) {
	rest, ok := strings.CutPrefix(err.Error(), "yaml: line ")
	if !ok {
		return "", "", false
	}
	line, msg, ok = strings.Cut(rest, ": ")
	if !ok || strings.Trim(line, "0123456789") != "" {
		return "", "", false
	}
	return line, msg, true
}

// checkValuesFile returns the absolute path of a --values file, or an error naming it:
// missing, a directory, or not a YAML map (with the line).
func checkValuesFile(cwd, p string) (string, error) {
	abs := p
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(cwd, p)
	}
	info, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("%s: no such file", p)
	case err != nil:
		return "", fmt.Errorf("%s: %w", p, err)
	case info.IsDir():
		return "", fmt.Errorf("%s: is a directory, not a values file", p)
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return "", fmt.Errorf("%s: %w", p, err)
	}
	var v map[string]any
	if err := yaml.Unmarshal(data, &v); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return "", fmt.Errorf("%s: not a map of values: %s", p, strings.Join(te.Errors, "; "))
		}
		if line, msg, ok := yamlLine(err); ok {
			return "", fmt.Errorf("%s:%s: not valid YAML: %s", p, line, msg)
		}
		return "", fmt.Errorf("%s: not valid YAML: %w", p, err)
	}
	return abs, nil
}
