package lint

import (
	"fmt"
	"io"
	"os"

	"github.com/infralint/infralint/pkg/discover"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/dockerfile"
)

// DefaultMaxFileSize bounds what one file may cost: no real infrastructure file is near it.
const DefaultMaxFileSize = 4 << 20

// Parse turns one file's bytes into the documents the engine evaluates: one for a
// Dockerfile, one per object for a Kubernetes manifest. Each parser package has one
// case here; a kind that reads a whole directory (a Helm chart) is handled in Load.
func Parse(kind model.Kind, path string, src []byte) ([]*model.Document, []model.FileError) {
	switch kind {
	case model.KindDockerfile:
		doc, errs := dockerfile.Parse(path, src)
		if doc == nil {
			return nil, errs
		}
		return []*model.Document{doc}, errs
	default:
		return nil, []model.FileError{{File: path, Message: fmt.Sprintf("no parser for %s files yet", kind)}}
	}
}

// Load reads what a discovered file names and parses it.
func Load(f discover.File, opts Options) ([]*model.Document, []model.FileError) {
	src, err := readFile(f.Path, opts.MaxFileSize)
	if err != nil {
		return nil, []model.FileError{{File: f.Path, Message: err.Error()}}
	}
	return Parse(f.Kind, f.Path, src)
}

func readFile(path string, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close() //nolint:errcheck // opened read-only: closing cannot lose data
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("file is larger than the %d MiB limit", limit>>20)
	}
	return data, nil
}
