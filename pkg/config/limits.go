package config

import (
	"fmt"
	"github.com/infralint/infralint/internal/bytesize"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Limits bound what one input may cost. Zero values keep the defaults of the packages
// that apply them (pkg/lint, pkg/parsers/helm).
type Limits struct {
	MaxFileSize       ByteSize `yaml:"max-file-size" doc:"The largest file read, such as 4MiB (the default): a larger one is an error for that file, and the run goes on."`
	MaxLineLength     ByteSize `yaml:"max-line-length" doc:"The longest line of a Compose file or Kubernetes manifest, such as 1MiB (the default)."`
	HelmRenderTimeout Duration `yaml:"helm-render-timeout" doc:"How long one chart may take to render under one values set, such as 10s (the default); a render that takes longer is stopped and reported."`
	HelmRenderMemory  ByteSize `yaml:"helm-render-memory" doc:"How much memory one chart's render may use, such as 512MiB (the default); a render that needs more is stopped and reported."`
	HelmRenderOutput  ByteSize `yaml:"helm-render-output" doc:"How much text one chart's render may produce, such as 8MiB (the default)."`
}

// ByteSize is a size in bytes, written as a whole number of bytes or with a unit:
// 512KiB, 4MiB, 1GiB (or KB, MB, GB, which are taken as the same powers of two).
type ByteSize int64

var byteSizeText = regexp.MustCompile(`^([0-9]+)\s*([KMG]i?B|B)?$`)

// byteSizePattern is byteSizeText for the JSON Schema.
const byteSizePattern = `^[0-9]+\s*([KMG]i?B|B)?$`

// UnmarshalYAML reads a size.
func (b *ByteSize) UnmarshalYAML(n *yaml.Node) error {
	m := byteSizeText.FindStringSubmatch(strings.TrimSpace(n.Value))
	if n.Kind != yaml.ScalarNode || m == nil {
		return fmt.Errorf("want a size such as 4MiB or a number of bytes, not %q", n.Value)
	}
	v, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil {
		return fmt.Errorf("size %q is too large", n.Value)
	}
	shift := map[string]uint{"": 0, "B": 0, "KB": 10, "KiB": 10, "MB": 20, "MiB": 20, "GB": 30, "GiB": 30}[m[2]]
	if v > (1<<62)>>shift {
		return fmt.Errorf("size %q is too large", n.Value)
	}
	if v == 0 {
		return fmt.Errorf("size %q: a limit must be more than 0", n.Value)
	}
	*b = ByteSize(v << shift)
	return nil
}

// Duration is a time span as Go writes it: 500ms, 10s, 2m.
type Duration time.Duration

// UnmarshalYAML reads a duration.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(strings.TrimSpace(n.Value))
	if n.Kind != yaml.ScalarNode || err != nil {
		return fmt.Errorf("want a duration such as 10s or 2m, not %q", n.Value)
	}
	if v <= 0 {
		return fmt.Errorf("duration %q: a limit must be more than 0", n.Value)
	}
	*d = Duration(v)
	return nil
}

var (
	byteSizeType = reflect.TypeFor[ByteSize]()
	durationType = reflect.TypeFor[Duration]()
)

// Std is the duration as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }

// String writes the size in the largest unit that divides it, as limits are set.
func (b ByteSize) String() string { return bytesize.Format(int64(b)) }
