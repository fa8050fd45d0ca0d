package compose

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/compose-spec/compose-go/v2/types"
	"gopkg.in/yaml.v3"

	"github.com/infralint/infralint/pkg/imageref"
	"github.com/infralint/infralint/pkg/model"
)

// build turns the loaded project into the policy input and binds its pointers.
func (p *project) build() (*Input, *locator) {
	l := &locator{files: p.files, binds: map[string]target{}, env: p.env}
	base := p.mains[0]
	l.bind("", target{file: base, rng: p.files[base].src.LineRange(1, 1)})
	in := &Input{
		Kind: string(model.KindCompose), Path: p.path, Name: p.project.Name,
		Services: map[string]*Service{}, Networks: map[string]*Object{}, Volumes: map[string]*Object{},
		Secrets: map[string]*Object{}, Configs: map[string]*Object{}, Variables: p.vars,
	}
	if in.Variables == nil {
		in.Variables = []Variable{}
	}
	p.bindTopLevel(l)

	names := make([]string, 0, len(p.project.Services))
	for name := range p.project.Services {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		in.Services[name] = p.service(l, name, p.project.Services[name])
	}
	in.DisabledServices = []string{}
	for name := range p.project.DisabledServices {
		in.DisabledServices = append(in.DisabledServices, name)
	}
	sort.Strings(in.DisabledServices)

	for name, n := range p.project.Networks {
		in.Networks[name] = &Object{Ptr: "/networks/" + escape(name), Name: n.Name, Driver: n.Driver,
			External: bool(n.External), Internal: n.Internal, Defined: l.bound("/networks/" + escape(name))}
	}
	for name, v := range p.project.Volumes {
		in.Volumes[name] = &Object{Ptr: "/volumes/" + escape(name), Name: v.Name, Driver: v.Driver,
			External: bool(v.External), Defined: l.bound("/volumes/" + escape(name))}
	}
	for name, s := range p.project.Secrets {
		in.Secrets[name] = &Object{Ptr: "/secrets/" + escape(name), Name: s.Name, External: bool(s.External),
			File: p.rel(s.File), Environment: s.Environment, Defined: l.bound("/secrets/" + escape(name))}
	}
	for name, c := range p.project.Configs {
		in.Configs[name] = &Object{Ptr: "/configs/" + escape(name), Name: c.Name, External: bool(c.External),
			File: p.rel(c.File), Environment: c.Environment, Defined: l.bound("/configs/" + escape(name))}
	}
	l.vars = in.Variables
	l.files = p.files // env_file files were added while building
	in.Files = in.Files[:0]
	for i := range p.files {
		in.Files = append(in.Files, p.rawFile(i))
	}
	return in, l
}

// bindTopLevel binds the top-level keys other than services: the last main file that
// writes one wins, then the included files.
func (p *project) bindTopLevel(l *locator) {
	var order []int
	for i := len(p.mains) - 1; i >= 0; i-- {
		order = append(order, p.mains[i])
	}
	for fi, f := range p.files {
		if f.role == roleInclude && !p.skip.include {
			order = append(order, fi)
		}
	}
	for _, fi := range order {
		f := p.files[fi]
		for _, kv := range mapEntries(f.doc) {
			k := kv[0].Value
			if k == "services" || k == "include" {
				l.bind("/"+escape(k), p.target(fi, "/"+escape(k)))
				continue
			}
			p.bindGeneric(l, "/"+escape(k), fi, "/"+escape(k), deref(kv[1]), "top:"+k, 0)
		}
	}
}

// rel shows a path of the model relative to the project directory when it is inside it.
func (p *project) rel(path string) string {
	if path == "" || !filepath.IsAbs(path) {
		return path
	}
	if r, err := filepath.Rel(p.dir, path); err == nil && within(p.dir, path) {
		return "./" + filepath.ToSlash(r)
	}
	return path
}

// rawFile is the as-written view of one source file.
func (p *project) rawFile(fi int) File {
	f := p.files[fi]
	out := File{Ptr: fmt.Sprintf("/files/%d", fi), Path: f.display, Role: f.role, Keys: []Key{}, Services: []RawService{}}
	if f.doc == nil {
		return out
	}
	for _, kv := range mapEntries(f.doc) {
		k, v := kv[0], deref(kv[1])
		ptr := rawPtr(fi, "/"+escape(k.Value))
		out.Keys = append(out.Keys, Key{Ptr: ptr, Name: k.Value})
		switch k.Value {
		case "version":
			if v.Kind == yaml.ScalarNode {
				out.Version = &Scalar{Ptr: ptr, Value: v.Value, Quoted: isQuoted(v)}
			}
		case "name":
			if v.Kind == yaml.ScalarNode {
				out.ProjectName = &Scalar{Ptr: ptr, Value: v.Value, Quoted: isQuoted(v)}
			}
		}
	}
	for _, kv := range mapEntries(mapGet(f.doc, "services")) {
		name := kv[0].Value
		sp := "/services/" + escape(name)
		rs := RawService{Ptr: rawPtr(fi, sp), Name: name, Keys: []Key{}, Ports: []Scalar{}, Volumes: []Scalar{}, DependsOn: []Key{}}
		svc := deref(kv[1])
		for _, skv := range mapEntries(svc) {
			rs.Keys = append(rs.Keys, Key{Ptr: rawPtr(fi, sp+"/"+escape(skv[0].Value)), Name: skv[0].Value})
		}
		for field, dst := range map[string]*[]Scalar{"ports": &rs.Ports, "volumes": &rs.Volumes} {
			if seq := mapGet(svc, field); seq != nil && seq.Kind == yaml.SequenceNode {
				for i, item := range seq.Content {
					if item = deref(item); item.Kind == yaml.ScalarNode {
						*dst = append(*dst, Scalar{Ptr: rawPtr(fi, fmt.Sprintf("%s/%s/%d", sp, field, i)), Value: item.Value, Quoted: isQuoted(item)})
					}
				}
			}
		}
		if dep := mapGet(svc, "depends_on"); dep != nil {
			switch dep.Kind {
			case yaml.SequenceNode:
				for i, item := range dep.Content {
					if item = deref(item); item.Kind == yaml.ScalarNode {
						rs.DependsOn = append(rs.DependsOn, Key{Ptr: rawPtr(fi, fmt.Sprintf("%s/depends_on/%d", sp, i)), Name: item.Value})
					}
				}
			case yaml.MappingNode:
				for _, dkv := range mapEntries(dep) {
					rs.DependsOn = append(rs.DependsOn, Key{Ptr: rawPtr(fi, sp+"/depends_on/"+escape(dkv[0].Value)), Name: dkv[0].Value})
				}
			}
		}
		out.Services = append(out.Services, rs)
	}
	return out
}

// service builds one service of the input and binds its pointers.
func (p *project) service(l *locator, name string, s types.ServiceConfig) *Service {
	sp := "/services/" + escape(name)
	chain := p.chain(name)
	if h, ok := p.home(name, chain); ok {
		l.bind(sp, p.target(h.file, h.ptr))
	}
	for _, d := range chain {
		p.bindGeneric(l, sp, d.file, d.ptr, deref(p.files[d.file].lookup(d.ptr)), "", 0)
	}
	out := &Service{
		Ptr: sp, Name: name, Sources: map[string]string{}, Profiles: nonNil(s.Profiles),
		Command: s.Command, Entrypoint: s.Entrypoint,
		Expose: nonNil([]string(s.Expose)), Tmpfs: nonNil([]string(s.Tmpfs)),
		Labels: map[string]string(s.Labels), Restart: s.Restart, Scale: s.Scale,
		NetworkMode: s.NetworkMode, Links: nonNil(s.Links), ExternalLinks: nonNil(s.ExternalLinks),
		Privileged: s.Privileged, CapAdd: nonNil(s.CapAdd), CapDrop: nonNil(s.CapDrop),
		SecurityOpt: nonNil(s.SecurityOpt), ReadOnly: s.ReadOnly, User: s.User, Pid: s.Pid, Ipc: s.Ipc,
		UsernsMode: s.UserNSMode, CgroupParent: s.CgroupParent, Sysctls: map[string]string(s.Sysctls),
		UseAPISocket: s.UseAPISocket, ContainerName: s.ContainerName, Hostname: s.Hostname, Init: s.Init,
		MemLimit: int64(s.MemLimit), MemReservation: int64(s.MemReservation), CPUs: float64(s.CPUS),
		CPUQuota: s.CPUQuota, CPUShares: s.CPUShares, PidsLimit: s.PidsLimit,
	}
	if out.Labels == nil {
		out.Labels = map[string]string{}
	}
	if out.Sysctls == nil {
		out.Sysctls = map[string]string{}
	}
	// The files defining the service, lowest priority first.
	for i := len(chain) - 1; i >= 0; i-- {
		if d := p.files[chain[i].file].display; !slices.Contains(out.Files, d) {
			out.Files = append(out.Files, d)
		}
	}

	if s.Image != "" {
		out.Image = p.image(l, sp, s.Image)
	}
	if s.Provider != nil {
		out.Provider = or(s.Provider.Type, "provider")
	}
	if s.Build != nil {
		out.Build = &Build{Ptr: sp + "/build", Context: p.rel(s.Build.Context), Dockerfile: s.Build.Dockerfile,
			Inline: s.Build.DockerfileInline != "", Target: s.Build.Target, Args: map[string]*EnvVar{}}
		p.bindKeyed(l, sp+"/build", chainAt(chain, "/build"), "args", keyBeforeEquals)
		for k, v := range s.Build.Args {
			out.Build.Args[k] = p.envVar(l, sp+"/build/args/"+escape(k), v)
		}
		out.Build.Linked = p.linkDockerfile(l, sp, s.Build, out.Build)
	}

	keys := make([]string, len(s.Ports))
	for i, c := range s.Ports {
		keys[i] = portKey(c)
		out.Ports = append(out.Ports, Port{Ptr: fmt.Sprintf("%s/ports/%d", sp, i), HostIP: c.HostIP, Published: c.Published,
			Target: c.Target, Protocol: or(strings.ToLower(c.Protocol), "tcp"), Mode: c.Mode, Name: c.Name, AppProtocol: c.AppProtocol})
	}
	p.bindItems(l, sp, chain, "ports", keys, portKeys)
	out.Ports = nonNil(out.Ports)

	keys = make([]string, len(s.Volumes))
	for i, v := range s.Volumes {
		keys[i] = v.Target
		vol := Volume{Ptr: fmt.Sprintf("%s/volumes/%d", sp, i), Type: v.Type, Source: v.Source, Target: v.Target, ReadOnly: v.ReadOnly}
		if v.Type == types.VolumeTypeBind {
			vol.Source = p.rel(v.Source)
		}
		if v.Bind != nil {
			vol.Propagation, vol.SELinux = v.Bind.Propagation, v.Bind.SELinux
		}
		out.Volumes = append(out.Volumes, vol)
	}
	p.bindItems(l, sp, chain, "volumes", keys, volumeKeys)
	out.Volumes = nonNil(out.Volumes)

	keys = make([]string, len(s.Devices))
	for i, d := range s.Devices {
		keys[i] = d.Target
		out.Devices = append(out.Devices, Device{Ptr: fmt.Sprintf("%s/devices/%d", sp, i), Source: d.Source, Target: d.Target, Permissions: d.Permissions})
	}
	p.bindItems(l, sp, chain, "devices", keys, deviceKeys)
	out.Devices = nonNil(out.Devices)

	for field, list := range map[string][]types.ServiceSecretConfig{"secrets": s.Secrets, "configs": configsAsSecrets(s.Configs)} {
		keys = make([]string, len(list))
		var mounts []Mount
		for i, m := range list {
			keys[i] = m.Source
			mounts = append(mounts, Mount{Ptr: fmt.Sprintf("%s/%s/%d", sp, field, i), Source: m.Source, Target: m.Target})
		}
		p.bindItems(l, sp, chain, field, keys, scalarKey("source"))
		if field == "secrets" {
			out.Secrets = nonNil(mounts)
		} else {
			out.Configs = nonNil(mounts)
		}
	}
	for field, list := range map[string][]string{
		"cap_add": s.CapAdd, "cap_drop": s.CapDrop, "security_opt": s.SecurityOpt, "expose": s.Expose,
		"tmpfs": s.Tmpfs, "links": s.Links, "external_links": s.ExternalLinks, "profiles": s.Profiles,
	} {
		p.bindItems(l, sp, chain, field, list, scalarKey(""))
	}

	// Environment: env_file values first, `environment:` over them.
	p.bindKeyed(l, sp, chain, "environment", keyBeforeEquals)
	out.Environment = map[string]*EnvVar{}
	keys = make([]string, len(s.EnvFiles))
	for i, ef := range s.EnvFiles {
		keys[i] = ef.Path
	}
	p.bindItems(l, sp, chain, "env_file", keys, scalarKey("path"))
	out.EnvFiles = []EnvFile{}
	for i, ef := range s.EnvFiles {
		ptr := fmt.Sprintf("%s/env_file/%d", sp, i)
		out.EnvFiles = append(out.EnvFiles, EnvFile{Ptr: ptr, Path: p.rel(ef.Path), Required: bool(ef.Required)})
		p.envFile(l, out, ptr, ef)
	}
	for k, v := range s.Environment {
		out.Environment[k] = p.envVar(l, sp+"/environment/"+escape(k), v)
	}

	if hc := s.HealthCheck; hc != nil {
		h := &Healthcheck{Ptr: sp + "/healthcheck", Test: nonNil([]string(hc.Test)), Disable: hc.Disable, Retries: hc.Retries,
			Interval: dur(hc.Interval), Timeout: dur(hc.Timeout), StartPeriod: dur(hc.StartPeriod)}
		if len(h.Test) > 0 && strings.EqualFold(h.Test[0], "NONE") {
			h.Disable = true
		}
		out.Healthcheck = h
	}

	p.bindKeyed(l, sp, chain, "depends_on", wholeValue)
	out.DependsOn = map[string]*Dependency{}
	for dep, d := range s.DependsOn {
		ptr := sp + "/depends_on/" + escape(dep)
		out.DependsOn[dep] = &Dependency{Ptr: ptr, Condition: or(d.Condition, types.ServiceConditionStarted),
			Required: d.Required, Restart: d.Restart, Implicit: !l.bound(ptr)}
	}

	p.bindKeyed(l, sp, chain, "networks", wholeValue)
	out.Networks = map[string]*ServiceNetwork{}
	for n, c := range s.Networks {
		sn := &ServiceNetwork{Ptr: sp + "/networks/" + escape(n), Aliases: []string{}}
		if c != nil {
			sn.Aliases, sn.IPv4Address = nonNil(c.Aliases), c.Ipv4Address
		}
		out.Networks[n] = sn
	}

	if d := s.Deploy; d != nil {
		dep := &Deploy{Ptr: sp + "/deploy", Mode: d.Mode, Replicas: d.Replicas}
		if r := d.Resources.Limits; r != nil {
			dep.Limits = &Resources{Ptr: sp + "/deploy/resources/limits", CPUs: float64(r.NanoCPUs), Memory: int64(r.MemoryBytes), Pids: r.Pids}
		}
		if r := d.Resources.Reservations; r != nil {
			dep.Reservations = &Resources{Ptr: sp + "/deploy/resources/reservations", CPUs: float64(r.NanoCPUs), Memory: int64(r.MemoryBytes), Pids: r.Pids}
		}
		if rp := d.RestartPolicy; rp != nil {
			dep.RestartPolicy = &RestartPolicy{Ptr: sp + "/deploy/restart_policy", Condition: rp.Condition, MaxAttempts: rp.MaxAttempts}
		}
		out.Deploy = dep
	}

	// Which file set each attribute.
	for _, d := range chain {
		for _, kv := range mapEntries(deref(p.files[d.file].lookup(d.ptr))) {
			k := kv[0].Value
			if k == "extends" {
				continue
			}
			if _, done := out.Sources[k]; !done {
				out.Sources[k] = p.files[l.resolve(sp+"/"+escape(k)).file].display
			}
		}
	}
	return out
}

func chainAt(chain []ref, suffix string) []ref {
	out := make([]ref, len(chain))
	for i, d := range chain {
		out[i] = ref{file: d.file, ptr: d.ptr + suffix}
	}
	return out
}

func configsAsSecrets(cs []types.ServiceConfigObjConfig) []types.ServiceSecretConfig {
	out := make([]types.ServiceSecretConfig, len(cs))
	for i, c := range cs {
		out[i] = types.ServiceSecretConfig(c)
	}
	return out
}

// envVar builds an environment variable or build argument of `environment:` or
// `args:`, bound by bindKeyed.
func (p *project) envVar(l *locator, ptr string, v *string) *EnvVar {
	e := &EnvVar{Ptr: ptr, Value: v}
	if t, ok := l.binds[ptr]; ok {
		if n := p.files[t.file].lookup(t.ptr); n != nil && n.Kind == yaml.ScalarNode {
			e.Interpolated = hasVars(n.Value)
		}
	}
	return e
}

// envFile reads one env_file of a service into its environment (the entries written
// under `environment:` are added after, and win). A missing required file, or one
// outside the project, is an error at the env_file entry.
func (p *project) envFile(l *locator, out *Service, ptr string, ef types.EnvFile) {
	path := ef.Path
	if !filepath.IsAbs(path) {
		path = filepath.Join(p.dir, path)
	}
	path = filepath.Clean(path)
	t := l.resolve(ptr)
	fail := func(msg string) {
		if t.ptr != "" {
			p.failAt(t.file, t.ptr, msg)
		} else {
			p.fail(p.files[t.file].display, &t.rng, msg)
		}
	}
	if isRemote(ef.Path) || !p.inside(path) {
		fail(fmt.Sprintf("env_file %q is outside the project directory: not read", ef.Path))
		return
	}
	data, err := p.readFile(path)
	if err != nil {
		if bool(ef.Required) || isRefused(err) {
			fail(fmt.Sprintf("env_file %s: %v", p.displayPath(path), err))
		}
		return
	}
	fi := p.addEnvFile(path, data)
	vars, err := dotenv.ParseWithLookup(strings.NewReader(string(data)), p.env.lookup)
	if err != nil {
		fail(fmt.Sprintf("env_file %s: %v", p.displayPath(path), err))
		return
	}
	src := p.files[fi].src
	for k, v := range vars {
		value := v
		ptrK := out.Ptr + "/environment/" + escape(k)
		line := envLine(src, k)
		if line > 0 {
			l.bind(ptrK, target{file: fi, rng: src.LineRange(line, line)})
		}
		out.Environment[k] = &EnvVar{Ptr: ptrK, Value: &value, EnvFile: p.files[fi].display}
	}
}

// image splits a service's image reference.
func (p *project) image(l *locator, sp, raw string) *Image {
	ptr := sp + "/image"
	img := &Image{Ptr: ptr, Raw: raw}
	if t, ok := l.binds[ptr]; ok {
		if n := p.files[t.file].lookup(t.ptr); n != nil && n.Kind == yaml.ScalarNode {
			img.Variables = hasVars(n.Value)
		}
	}
	r, ok := imageref.Parse(raw)
	if !ok {
		img.Invalid = true
		return img
	}
	img.Registry, img.Repository, img.Name, img.Tag, img.Digest = r.Registry, r.Repository, r.Name, r.Tag, r.Digest
	return img
}

func dur(d *types.Duration) string {
	if d == nil {
		return ""
	}
	return time.Duration(*d).String()
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
