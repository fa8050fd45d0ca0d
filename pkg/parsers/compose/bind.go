package compose

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/format"
	"github.com/compose-spec/compose-go/v2/types"
	"gopkg.in/yaml.v3"
)

// chain returns the definitions of a service in priority order: the last main file
// that writes it first; after each definition, the service it extends and the files
// its file includes.
func (p *project) chain(name string) []ref {
	sp := "/services/" + escape(name)
	var out []ref
	seen := map[ref]bool{}
	var addDef func(r ref, depth int)
	addDef = func(r ref, depth int) {
		if seen[r] || depth > 32 {
			return
		}
		seen[r] = true
		out = append(out, r)
		if t, ok := p.extends[r]; ok && !p.skip.extends {
			addDef(t, depth+1)
		}
	}
	visited := map[int]bool{}
	var addFile func(fi int)
	addFile = func(fi int) {
		if visited[fi] {
			return
		}
		visited[fi] = true
		if p.files[fi].lookup(sp) != nil {
			addDef(ref{file: fi, ptr: sp}, 0)
		}
		if !p.skip.include {
			for _, k := range p.includes[fi] {
				addFile(k)
			}
		}
	}
	for i := len(p.mains) - 1; i >= 0; i-- {
		addFile(p.mains[i])
	}
	return out
}

// home is where findings about a whole service point: the service's key in the first
// main file that writes it (where a missing attribute would be added), else its
// highest-priority definition.
func (p *project) home(name string, chain []ref) (ref, bool) {
	sp := "/services/" + escape(name)
	for _, m := range p.mains {
		if p.files[m].lookup(sp) != nil {
			return ref{file: m, ptr: sp}, true
		}
	}
	if len(chain) > 0 {
		return chain[0], true
	}
	return ref{}, false
}

func (p *project) target(fi int, ptr string) target {
	return target{file: fi, ptr: ptr, rng: nodeRange(p.files[fi].idx, ptr)}
}

// Attributes whose sequences Compose merges across files (appended, one entry per key):
// their items are matched by key, not by index, and bound by bindItems.
var mergedLists = map[string]bool{
	"ports": true, "volumes": true, "secrets": true, "configs": true, "devices": true,
	"cap_add": true, "cap_drop": true, "security_opt": true, "dns": true, "dns_search": true,
	"dns_opt": true, "tmpfs": true, "links": true, "external_links": true, "expose": true,
	"group_add": true, "profiles": true, "env_file": true, "extra_hosts": true,
	"volumes_from": true, "device_cgroup_rules": true, "label_file": true,
	"build/tags": true, "build/platforms": true, "build/cache_from": true, "build/cache_to": true,
	"build/secrets": true, "build/ssh": true, "build/extra_hosts": true,
}

// Attributes written either as a list (KEY=value, name) or a mapping: bound by key.
var keyedFields = map[string]bool{
	"environment": true, "labels": true, "annotations": true, "sysctls": true,
	"depends_on": true, "networks": true, "build/args": true, "build/labels": true,
	"deploy/labels": true, "ulimits": true,
}

// Sequences a later file replaces as a whole: their items come from the winning file.
var replacedLists = map[string]bool{"command": true, "entrypoint": true, "healthcheck/test": true}

// bindGeneric binds the attributes of one definition of a service (or of a top-level
// object) that a higher-priority definition has not bound yet. rel is the path inside
// the service, for the special cases above.
func (p *project) bindGeneric(l *locator, mptr string, fi int, rptr string, n *yaml.Node, rel string, depth int) {
	if depth > 32 || n == nil {
		return
	}
	won := !l.bound(mptr)
	l.bind(mptr, p.target(fi, rptr))
	if mergedLists[rel] || keyedFields[rel] {
		return
	}
	switch n.Kind {
	case yaml.MappingNode:
		for _, kv := range mapEntries(n) {
			k := kv[0].Value
			if rel == "" && k == "extends" {
				continue
			}
			childRel := k
			if rel != "" {
				childRel = rel + "/" + k
			}
			p.bindGeneric(l, mptr+"/"+escape(k), fi, rptr+"/"+escape(k), deref(kv[1]), childRel, depth+1)
		}
	case yaml.SequenceNode:
		if !replacedLists[rel] || !won {
			return
		}
		for i, c := range n.Content {
			p.bindGeneric(l, fmt.Sprintf("%s/%d", mptr, i), fi, fmt.Sprintf("%s/%d", rptr, i), deref(c), rel+"/*", depth+1)
		}
	}
}

// bindSubtree binds the mapping keys below an item bound by key.
func (p *project) bindSubtree(l *locator, mptr string, fi int, rptr string, n *yaml.Node, depth int) {
	l.bind(mptr, p.target(fi, rptr))
	if depth > 16 || n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for _, kv := range mapEntries(n) {
		k := escape(kv[0].Value)
		p.bindSubtree(l, mptr+"/"+k, fi, rptr+"/"+k, deref(kv[1]), depth+1)
	}
}

// keyFunc returns the keys an item written in a file stands for (a port range is
// several ports); the file's environment interpolates it.
type keyFunc func(n *yaml.Node, env *environ) []string

// bindItems binds the merged items of a list attribute (at index i of keys) to the
// items written in the service's definitions, matched by key.
func (p *project) bindItems(l *locator, svcPtr string, chain []ref, field string, keys []string, keyOf keyFunc) {
	for _, d := range chain {
		f := p.files[d.file]
		n := deref(f.lookup(d.ptr + "/" + field))
		if n == nil || n.Kind != yaml.SequenceNode {
			continue
		}
		for i, item := range n.Content {
			item = deref(item)
			for _, k := range keyOf(item, f.env) {
				for j, mk := range keys {
					mptr := fmt.Sprintf("%s/%s/%d", svcPtr, field, j)
					if mk == k && !l.bound(mptr) {
						p.bindSubtree(l, mptr, d.file, fmt.Sprintf("%s/%s/%d", d.ptr, field, i), item, 0)
					}
				}
			}
		}
	}
}

// bindKeyed binds the entries of a list-or-mapping attribute by key: /environment/NAME
// is found as the key NAME of a mapping or the item NAME=value of a list.
func (p *project) bindKeyed(l *locator, svcPtr string, chain []ref, field string, keyOf func(string) string) {
	for _, d := range chain {
		f := p.files[d.file]
		n := deref(f.lookup(d.ptr + "/" + field))
		if n == nil {
			continue
		}
		switch n.Kind {
		case yaml.MappingNode:
			for _, kv := range mapEntries(n) {
				k := escape(kv[0].Value)
				p.bindSubtree(l, svcPtr+"/"+field+"/"+k, d.file, d.ptr+"/"+field+"/"+k, deref(kv[1]), 0)
			}
		case yaml.SequenceNode:
			for i, item := range n.Content {
				item = deref(item)
				if item.Kind != yaml.ScalarNode {
					continue
				}
				k := keyOf(interpolate(item.Value, f.env))
				if k == "" {
					continue
				}
				l.bind(svcPtr+"/"+field+"/"+escape(k), p.target(d.file, fmt.Sprintf("%s/%s/%d", d.ptr, field, i)))
			}
		}
	}
}

func keyBeforeEquals(s string) string {
	k, _, _ := strings.Cut(s, "=")
	return strings.TrimSpace(k)
}

func wholeValue(s string) string { return strings.TrimSpace(s) }

// scalarKey keys an item by its value; a mapping item by one of its fields.
func scalarKey(field string) keyFunc {
	return func(n *yaml.Node, env *environ) []string {
		switch n.Kind {
		case yaml.ScalarNode:
			return []string{interpolate(n.Value, env)}
		case yaml.MappingNode:
			if v := mapGet(n, field); v != nil && v.Kind == yaml.ScalarNode {
				return []string{interpolate(v.Value, env)}
			}
		}
		return nil
	}
}

func portKey(c types.ServicePortConfig) string {
	proto := c.Protocol
	if proto == "" {
		proto = "tcp"
	}
	return fmt.Sprintf("%s|%s|%d|%s", c.HostIP, c.Published, c.Target, strings.ToLower(proto))
}

func portKeys(n *yaml.Node, env *environ) []string {
	switch n.Kind {
	case yaml.ScalarNode:
		ports, err := types.ParsePortConfig(interpolate(n.Value, env))
		if err != nil {
			return nil
		}
		out := make([]string, len(ports))
		for i, c := range ports {
			out[i] = portKey(c)
		}
		return out
	case yaml.MappingNode:
		var c types.ServicePortConfig
		get := func(k string) string {
			if v := mapGet(n, k); v != nil && v.Kind == yaml.ScalarNode {
				return interpolate(v.Value, env)
			}
			return ""
		}
		t, _ := strconv.ParseUint(get("target"), 10, 32)
		c.Target, c.Published, c.HostIP, c.Protocol = uint32(t), get("published"), get("host_ip"), get("protocol")
		return []string{portKey(c)}
	}
	return nil
}

func volumeKeys(n *yaml.Node, env *environ) []string {
	switch n.Kind {
	case yaml.ScalarNode:
		v, err := format.ParseVolume(interpolate(n.Value, env))
		if err != nil {
			return nil
		}
		return []string{v.Target}
	case yaml.MappingNode:
		return scalarKey("target")(n, env)
	}
	return nil
}

func deviceKeys(n *yaml.Node, env *environ) []string {
	switch n.Kind {
	case yaml.ScalarNode:
		parts := strings.Split(interpolate(n.Value, env), ":")
		if len(parts) > 1 {
			return []string{parts[1]}
		}
		return []string{parts[0]}
	case yaml.MappingNode:
		return scalarKey("target")(n, env)
	}
	return nil
}
