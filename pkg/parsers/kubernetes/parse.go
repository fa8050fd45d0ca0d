package kubernetes

import (
	"strings"

	"github.com/infralint/infralint/pkg/model"
)

// File is one manifest file of a set.
type File struct {
	Path string
	Src  []byte
}

// Parse reads one manifest file into one document per object; the file is the set
// cross-object rules see.
func Parse(path string, src []byte) ([]*model.Document, []model.FileError) {
	return ParseSet([]File{{Path: path, Src: src}}, "file", Limits{})
}

// ParseSet reads manifest files that are linted as one set (the manifests of one
// directory): relations between objects (a Service and the Deployment it selects)
// are computed across all of them. A file that holds YAML but no Kubernetes object is
// an error, since it was classified or named as a manifest.
func ParseSet(files []File, scope string, lim Limits) ([]*model.Document, []model.FileError) {
	type parsed struct {
		file    File
		src     *model.Source
		objs    []*Object
		errs    []model.FileError
		skipped int
	}
	var all []*Object
	ps := make([]parsed, len(files))
	for i, f := range files {
		src := model.NewSource(model.YAMLText(f.Src))
		objs, skipped, errs := Decode(f.Path, src, lim)
		objs = keepResources(objs)
		if len(objs) == 0 && len(errs) == 0 {
			if skipped > 0 {
				errs = append(errs, model.FileError{File: f.Path, Message: "no Kubernetes object in the file: no YAML document has both apiVersion and kind"})
			}
		}
		ps[i] = parsed{file: f, src: src, objs: objs, errs: errs, skipped: skipped}
		all = append(all, objs...)
	}
	related, set := Relate(all, "", scope)
	var docs []*model.Document
	var errs []model.FileError
	k := 0
	for _, p := range ps {
		errs = append(errs, p.errs...)
		for _, o := range p.objs {
			origin := Origin{File: p.file.Path, Document: o.Doc}
			if o.Item >= 0 {
				item := o.Item
				origin.Item = &item
			}
			docs = append(docs, &model.Document{
				Kind:      model.KindKubernetes,
				Path:      p.file.Path,
				Source:    p.src,
				Input:     Input(o, origin, related[k], set),
				Locations: NewLocator(o, p.src),
			})
			k++
		}
	}
	return docs, errs
}

// toolConfigGroups are API groups of tools' own configuration files (kustomize,
// skaffold, kind, kubeadm …): they carry apiVersion and kind but are never sent to a
// cluster, so no workload rule applies to them.
var toolConfigGroups = []string{
	"kustomize.config.k8s.io/", "config.kubernetes.io/", "skaffold/", "kind.x-k8s.io/",
	"kubeadm.k8s.io/", "kubelet.config.k8s.io/", "kubeproxy.config.k8s.io/", "kpt.dev/",
	"ctlptl.dev/", "k3d.io/", "apiserver.config.k8s.io/", "kubescheduler.config.k8s.io/",
}

// IsResource reports whether apiVersion/kind names a cluster object rather than a
// tool's configuration file (a kubeconfig is v1 Config).
func IsResource(apiVersion, kind string) bool {
	if apiVersion == "v1" && kind == "Config" {
		return false
	}
	for _, g := range toolConfigGroups {
		if strings.HasPrefix(apiVersion, g) {
			return false
		}
	}
	return true
}

func keepResources(objs []*Object) []*Object {
	out := objs[:0]
	for _, o := range objs {
		if IsResource(o.APIVersion(), o.Kind()) {
			out = append(out, o)
		}
	}
	return out
}
