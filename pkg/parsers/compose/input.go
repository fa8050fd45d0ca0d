package compose

// The policy input for a Compose project: the model as `docker compose` sees it (the
// override files merged, `.env` and `env_file` interpolated, `extends` and `include`
// applied, every profile active unless the options restrict them), plus the raw files
// for the rules that are about how a file is written. Policies never see line numbers:
// every element a finding can point at carries a `ptr`, a JSON Pointer into the model
// (/services/db/image, /services/db/ports/0) or into one raw file
// (/files/1/raw/services/db/image), which the locator maps to the file and line that
// set it.

// Input is one Compose project, as policies see it.
type Input struct {
	Kind string `json:"kind"` // always "compose"
	Path string `json:"path"` // the main file
	// Name is the project name: the top-level `name:` of the files, the configured
	// project name, or the directory name.
	Name string `json:"name"`
	// Files are every file the project was read from, the main file first, then its
	// overrides in merge order, then included, extended and env files.
	Files    []File              `json:"files"`
	Services map[string]*Service `json:"services"`
	// DisabledServices are the services left out because none of their profiles is
	// active (only when the configuration selects profiles).
	DisabledServices []string           `json:"disabled_services"`
	Networks         map[string]*Object `json:"networks"`
	Volumes          map[string]*Object `json:"volumes"`
	Secrets          map[string]*Object `json:"secrets"`
	Configs          map[string]*Object `json:"configs"`
	// Variables are the interpolation uses (${VAR}, $VAR) written in the YAML files, in
	// file order.
	Variables []Variable `json:"variables"`
}

// File is one source file of the project, as written.
type File struct {
	Ptr  string `json:"ptr"` // /files/<n>: findings about the whole file point here (its first line)
	Path string `json:"path"`
	// Role is base (the main file), override (merged over it), include (an `include:`d
	// file), extends (a file an `extends.file` names) or env (a .env or env_file file).
	Role string `json:"role"`
	// Keys are the file's top-level keys in the order written (YAML files only).
	Keys []Key `json:"keys"`
	// Version is the obsolete top-level `version:` when the file has one.
	Version *Scalar `json:"version,omitempty"`
	// ProjectName is the top-level `name:` when the file has one.
	ProjectName *Scalar `json:"project_name,omitempty"`
	// Services are the services the file writes, in the order written.
	Services []RawService `json:"services"`
}

// Key is a mapping key as written.
type Key struct {
	Ptr  string `json:"ptr"`
	Name string `json:"name"`
}

// Scalar is a value as written in one file.
type Scalar struct {
	Ptr   string `json:"ptr"`
	Value string `json:"value"`
	// Quoted is true when the value is written in single or double quotes.
	Quoted bool `json:"quoted"`
}

// RawService is a service as written in one file, for the rules about layout: key
// order, quoting.
type RawService struct {
	Ptr       string   `json:"ptr"`
	Name      string   `json:"name"`
	Keys      []Key    `json:"keys"`
	Ports     []Scalar `json:"ports"`      // short-syntax entries only
	Volumes   []Scalar `json:"volumes"`    // short-syntax entries only
	DependsOn []Key    `json:"depends_on"` // the names, list or mapping form
}

// Service is one service of the merged model.
type Service struct {
	Ptr  string `json:"ptr"`
	Name string `json:"name"`
	// Files are the files that define the service, in merge order (an `extends` base or
	// an included file before the file that uses it).
	Files []string `json:"files"`
	// Sources names, for each attribute of the service, the file whose value won.
	Sources  map[string]string `json:"sources"`
	Profiles []string          `json:"profiles"`

	Image *Image `json:"image,omitempty"`
	Build *Build `json:"build,omitempty"`
	// Provider is the type of a provider service (one Compose delegates to a plugin),
	// which has no image.
	Provider string `json:"provider,omitempty"`
	// Command and Entrypoint are nil when not set (the image's own are used).
	Command    []string `json:"command"`
	Entrypoint []string `json:"entrypoint"`

	Ports   []Port   `json:"ports"`
	Expose  []string `json:"expose"`
	Volumes []Volume `json:"volumes"`
	Tmpfs   []string `json:"tmpfs"`
	Devices []Device `json:"devices"`
	// Environment is the container's environment as Compose computes it: the env_file
	// values, then `environment:` over them.
	Environment map[string]*EnvVar `json:"environment"`
	EnvFiles    []EnvFile          `json:"env_file"`
	Labels      map[string]string  `json:"labels"`

	Healthcheck *Healthcheck           `json:"healthcheck,omitempty"`
	DependsOn   map[string]*Dependency `json:"depends_on"`
	Restart     string                 `json:"restart,omitempty"`
	Deploy      *Deploy                `json:"deploy,omitempty"`
	Scale       *int                   `json:"scale,omitempty"`

	// Networks are the networks the service joins; Compose puts a service without
	// networks (and without network_mode) on the project's "default" network.
	Networks      map[string]*ServiceNetwork `json:"networks"`
	NetworkMode   string                     `json:"network_mode,omitempty"`
	Links         []string                   `json:"links"`
	ExternalLinks []string                   `json:"external_links"`

	Secrets []Mount `json:"secrets"`
	Configs []Mount `json:"configs"`

	Privileged    bool              `json:"privileged"`
	CapAdd        []string          `json:"cap_add"`
	CapDrop       []string          `json:"cap_drop"`
	SecurityOpt   []string          `json:"security_opt"`
	ReadOnly      bool              `json:"read_only"`
	User          string            `json:"user,omitempty"`
	Pid           string            `json:"pid,omitempty"`
	Ipc           string            `json:"ipc,omitempty"`
	UsernsMode    string            `json:"userns_mode,omitempty"`
	CgroupParent  string            `json:"cgroup_parent,omitempty"`
	Sysctls       map[string]string `json:"sysctls"`
	UseAPISocket  bool              `json:"use_api_socket"`
	ContainerName string            `json:"container_name,omitempty"`
	Hostname      string            `json:"hostname,omitempty"`
	Init          *bool             `json:"init,omitempty"`

	// Resource limits written on the service itself (Compose also reads
	// deploy.resources). Zero means not set; pids_limit -1 means unlimited.
	MemLimit       int64   `json:"mem_limit,omitempty"`
	MemReservation int64   `json:"mem_reservation,omitempty"`
	CPUs           float64 `json:"cpus,omitempty"`
	CPUQuota       int64   `json:"cpu_quota,omitempty"`
	CPUShares      int64   `json:"cpu_shares,omitempty"`
	PidsLimit      int64   `json:"pids_limit,omitempty"`
}

// Image is a service's image reference split with the distribution reference parser.
type Image struct {
	Ptr        string `json:"ptr"`
	Raw        string `json:"raw"`                  // after interpolation
	Registry   string `json:"registry,omitempty"`   // docker.io when none is written
	Repository string `json:"repository,omitempty"` // path without registry, e.g. library/postgres
	Name       string `json:"name,omitempty"`       // familiar name, e.g. postgres or ghcr.io/o/r
	Tag        string `json:"tag,omitempty"`
	Digest     string `json:"digest,omitempty"`
	// Variables is true when the reference is written with ${VAR}: its parts are those
	// of the interpolated value.
	Variables bool `json:"variables"`
	// Invalid is set when the reference does not parse (after interpolation).
	Invalid bool `json:"invalid"`
}

// Build is a service's build section.
type Build struct {
	Ptr        string             `json:"ptr"`
	Context    string             `json:"context"`
	Dockerfile string             `json:"dockerfile,omitempty"`
	Inline     bool               `json:"dockerfile_inline"`
	Target     string             `json:"target,omitempty"`
	Args       map[string]*EnvVar `json:"args"`
	// DockerfileMissing names the Dockerfile the build reads when it does not exist
	// (rule build-dockerfile-missing); "" otherwise.
	DockerfileMissing string `json:"dockerfile_missing,omitempty"`
	// Linked is the Dockerfile the build reads, for the cross-artifact rules (see
	// Dockerfile); nil when there is none to read (a remote context, or an error,
	// which is reported at the build key). Policies do not see it.
	Linked *LinkedDockerfile `json:"-"`
}

// Port is a published or exposed port mapping, in the long syntax whatever the syntax
// written. A range written in the short syntax ("8000-8002:80-82") is one Port per port.
type Port struct {
	Ptr         string `json:"ptr"`
	HostIP      string `json:"host_ip,omitempty"`   // empty: every interface
	Published   string `json:"published,omitempty"` // empty: a random host port; may be a range
	Target      uint32 `json:"target"`
	Protocol    string `json:"protocol"` // tcp unless written
	Mode        string `json:"mode,omitempty"`
	Name        string `json:"name,omitempty"`
	AppProtocol string `json:"app_protocol,omitempty"`
}

// Volume is a service mount, in the long syntax whatever the syntax written.
type Volume struct {
	Ptr  string `json:"ptr"`
	Type string `json:"type"` // volume, bind, tmpfs, npipe, cluster or image
	// Source is the named volume, the host path of a bind (as written: relative paths
	// are relative to the project directory) or the image; empty for an anonymous volume.
	Source      string `json:"source,omitempty"`
	Target      string `json:"target"`
	ReadOnly    bool   `json:"read_only"`
	Propagation string `json:"propagation,omitempty"` // bind propagation
	SELinux     string `json:"selinux,omitempty"`
}

// Device is a device mapping.
type Device struct {
	Ptr         string `json:"ptr"`
	Source      string `json:"source"`
	Target      string `json:"target"`
	Permissions string `json:"permissions,omitempty"`
}

// EnvVar is one environment variable (or build argument).
type EnvVar struct {
	Ptr string `json:"ptr"`
	// Value is null for a variable written without a value (`- NAME`), which Compose
	// takes from the environment it runs in.
	Value *string `json:"value"`
	// Interpolated is true when the value is written with ${VAR}: it is not a literal
	// of the file.
	Interpolated bool `json:"interpolated"`
	// EnvFile names the env_file the value came from; empty for `environment:`.
	EnvFile string `json:"env_file,omitempty"`
}

// EnvFile is an env_file entry.
type EnvFile struct {
	Ptr      string `json:"ptr"`
	Path     string `json:"path"`
	Required bool   `json:"required"`
}

// Healthcheck is a service's healthcheck. Durations are as Compose prints them (1m30s).
type Healthcheck struct {
	Ptr         string   `json:"ptr"`
	Test        []string `json:"test"`
	Disable     bool     `json:"disable"`
	Interval    string   `json:"interval,omitempty"`
	Timeout     string   `json:"timeout,omitempty"`
	StartPeriod string   `json:"start_period,omitempty"`
	Retries     *uint64  `json:"retries,omitempty"`
}

// Dependency is a depends_on entry, in the long syntax whatever the syntax written.
type Dependency struct {
	Ptr string `json:"ptr"`
	// Condition is service_started (the default), service_healthy or
	// service_completed_successfully.
	Condition string `json:"condition"`
	Required  bool   `json:"required"`
	Restart   bool   `json:"restart"`
	// Implicit is true for a dependency no file writes: Compose adds one for
	// network_mode: service:<name>, volumes_from and links.
	Implicit bool `json:"implicit"`
}

// Deploy is a service's deploy section.
type Deploy struct {
	Ptr           string         `json:"ptr"`
	Mode          string         `json:"mode,omitempty"`
	Replicas      *int           `json:"replicas,omitempty"`
	Limits        *Resources     `json:"limits,omitempty"`
	Reservations  *Resources     `json:"reservations,omitempty"`
	RestartPolicy *RestartPolicy `json:"restart_policy,omitempty"`
}

// Resources are deploy.resources.limits or .reservations. Zero means not set.
type Resources struct {
	Ptr    string  `json:"ptr"`
	CPUs   float64 `json:"cpus,omitempty"`
	Memory int64   `json:"memory,omitempty"` // bytes
	Pids   int64   `json:"pids,omitempty"`
}

// RestartPolicy is deploy.restart_policy.
type RestartPolicy struct {
	Ptr         string  `json:"ptr"`
	Condition   string  `json:"condition,omitempty"`
	MaxAttempts *uint64 `json:"max_attempts,omitempty"`
}

// ServiceNetwork is a network a service joins.
type ServiceNetwork struct {
	Ptr         string   `json:"ptr"`
	Aliases     []string `json:"aliases"`
	IPv4Address string   `json:"ipv4_address,omitempty"`
}

// Mount is a secret or config a service uses.
type Mount struct {
	Ptr    string `json:"ptr"`
	Source string `json:"source"`
	Target string `json:"target,omitempty"`
}

// Object is a top-level network, volume, secret or config.
type Object struct {
	Ptr      string `json:"ptr"`
	Name     string `json:"name,omitempty"` // the engine-side name when set
	Driver   string `json:"driver,omitempty"`
	External bool   `json:"external"`
	Internal bool   `json:"internal,omitempty"` // networks
	// File and Environment are where a secret or config comes from.
	File        string `json:"file,omitempty"`
	Environment string `json:"environment,omitempty"`
	// Defined is false for an object services use that no file declares (Compose adds
	// the default network itself).
	Defined bool `json:"defined"`
}

// Variable is one interpolation use in a YAML file.
type Variable struct {
	Ptr  string `json:"ptr"` // the raw value that uses it
	Name string `json:"name"`
	// Set is true when the variable has a value (from the configured environment or an
	// env file); Source names the env file that set it.
	Set    bool   `json:"set"`
	Source string `json:"source,omitempty"`
	// Default is true for ${VAR:-x} and ${VAR-x}, which never expand to nothing;
	// Required for ${VAR:?msg} and ${VAR?msg}.
	Default  bool   `json:"default"`
	Required bool   `json:"required"`
	File     string `json:"file"`
}
