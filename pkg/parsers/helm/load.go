package helm

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/infralint/infralint/internal/bytesize"
	"github.com/infralint/infralint/internal/readfile"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/ignore"
)

// chartFiles is a chart read into memory: its files by name inside the chart ("/"
// separated), and where findings about them are reported.
type chartFiles struct {
	// display is the chart's directory or archive as the user gave it.
	display string
	// archive is true when display is a .tgz: its files do not exist on disk, and are
	// reported as <archive>!/<name>.
	archive bool
	// base prefixes names inside the archive (a subchart directory unpacked from its
	// parent's archive).
	base   string
	files  []*loader.BufferedFile
	byName map[string][]byte
	// subcharts are the vendored dependencies under charts/, by the name of their
	// directory or archive there.
	subcharts []*chartFiles
}

// pathOf is where findings about a file of the chart are reported.
func (c *chartFiles) pathOf(name string) string {
	if c.archive {
		return c.display + "!/" + c.base + name
	}
	return path.Join(filepath.ToSlash(c.display), name)
}

// loadLimits bound reading a chart.
type loadLimits struct {
	maxFile  int64 // one file
	maxTotal int64 // the whole chart, subcharts included
}

// readChart reads a chart directory or .tgz archive. Symbolic links are never
// followed: a link inside a chart directory is an error that names it, since a chart
// must not make infralint read outside the chart.
func readChart(p string, lim loadLimits) (*chartFiles, error) {
	info, err := os.Lstat(p)
	if err != nil {
		return nil, err
	}
	budget := lim.maxTotal
	if info.Mode().IsRegular() {
		data, err := readLimited(p, lim.maxFile*4)
		if err != nil {
			return nil, err
		}
		return fromArchive(p, data, &budget)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is neither a chart directory nor a .tgz archive", p)
	}
	return fromDir(p, lim, &budget)
}

func readLimited(p string, limit int64) ([]byte, error) {
	data, err := readfile.Read(p, limit)
	if errors.Is(err, readfile.ErrTooLarge) {
		return nil, fmt.Errorf("%s is larger than the %s limit", p, bytesize.Format(limit))
	}
	return data, err
}

func fromDir(root string, lim loadLimits, budget *int64) (*chartFiles, error) {
	rules := ignore.Empty()
	if data, err := os.ReadFile(filepath.Join(root, ignore.HelmIgnore)); err == nil {
		r, err := ignore.Parse(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ignore.HelmIgnore, err)
		}
		rules = r
	}
	rules.AddDefaults()
	c := &chartFiles{display: root, byName: map[string][]byte{}}
	sub := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(p)
			return fmt.Errorf("%s is a symbolic link (to %s): links are not followed, so that a chart cannot make infralint read outside it", rel, target)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			if rules.Ignore(rel, info) {
				return fs.SkipDir
			}
			// A vendored dependency directory is a chart of its own.
			if parent, name := path.Split(rel); parent == "charts/" && !strings.HasPrefix(name, "_") && !strings.HasPrefix(name, ".") {
				if _, err := os.Lstat(filepath.Join(p, "Chart.yaml")); err == nil {
					sc, err := fromDir(p, lim, budget)
					if err != nil {
						return fmt.Errorf("dependency %s: %w", name, err)
					}
					c.subcharts = append(c.subcharts, sc)
					sub[name] = true
					return fs.SkipDir
				}
			}
			return nil
		}
		if !info.Mode().IsRegular() || rules.Ignore(rel, info) {
			return nil
		}
		if info.Size() > lim.maxFile {
			return fmt.Errorf("%s is larger than the %s limit", rel, bytesize.Format(lim.maxFile))
		}
		if *budget -= info.Size(); *budget < 0 {
			return fmt.Errorf("chart is larger than the %s limit", bytesize.Format(lim.maxTotal))
		}
		data, err := readfile.Read(p, lim.maxFile)
		if errors.Is(err, readfile.ErrTooLarge) {
			return fmt.Errorf("%s is larger than the %s limit", rel, bytesize.Format(lim.maxFile))
		}
		if err != nil {
			return err
		}
		if parent, name := path.Split(rel); parent == "charts/" && strings.HasSuffix(name, ".tgz") {
			sc, err := fromArchive(path.Join(filepath.ToSlash(root), rel), data, budget)
			if err != nil {
				return fmt.Errorf("dependency %s: %w", name, err)
			}
			sc.display = filepath.Join(root, filepath.FromSlash(rel))
			c.subcharts = append(c.subcharts, sc)
			return nil
		}
		c.add(rel, data)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if _, ok := c.byName["Chart.yaml"]; !ok {
		return nil, fmt.Errorf("%s has no Chart.yaml", root)
	}
	return c, nil
}

func (c *chartFiles) add(name string, data []byte) {
	c.files = append(c.files, &loader.BufferedFile{Name: name, Data: data})
	c.byName[name] = data
}

// fromArchive reads a chart archive with Helm's own checks (no absolute or parent
// paths; size limits); symbolic links in an archive are read as empty files.
func fromArchive(display string, data []byte, budget *int64) (*chartFiles, error) {
	files, err := loader.LoadArchiveFiles(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return fromFiles(display, "", files, budget)
}

// fromFiles sorts the files of an archived chart into its own files and its vendored
// dependencies (charts/<name>/… directories and charts/<name>.tgz archives).
func fromFiles(display, base string, files []*loader.BufferedFile, budget *int64) (*chartFiles, error) {
	c := &chartFiles{display: display, archive: true, base: base, byName: map[string][]byte{}}
	groups := map[string][]*loader.BufferedFile{}
	var order []string
	for _, f := range files {
		if *budget -= int64(len(f.Data)); *budget < 0 {
			return nil, fmt.Errorf("chart archive is larger than the size limit once unpacked")
		}
		if rest, ok := strings.CutPrefix(f.Name, "charts/"); ok && !strings.HasSuffix(rest, ".prov") {
			name, _, _ := strings.Cut(rest, "/")
			if strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") {
				continue
			}
			if _, seen := groups[name]; !seen {
				order = append(order, name)
			}
			groups[name] = append(groups[name], f)
			continue
		}
		c.add(f.Name, f.Data)
	}
	for _, name := range order {
		group := groups[name]
		if strings.HasSuffix(name, ".tgz") {
			sc, err := fromArchive(c.pathOf("charts/"+name), group[0].Data, budget)
			if err != nil {
				return nil, fmt.Errorf("dependency %s: %w", name, err)
			}
			c.subcharts = append(c.subcharts, sc)
			continue
		}
		inner := make([]*loader.BufferedFile, 0, len(group))
		for _, f := range group {
			inner = append(inner, &loader.BufferedFile{Name: strings.TrimPrefix(f.Name, "charts/"+name+"/"), Data: f.Data})
		}
		sc, err := fromFiles(display, base+"charts/"+name+"/", inner, new(int64(1<<62)))
		if err != nil {
			continue // not a chart: Helm ignores it too
		}
		c.subcharts = append(c.subcharts, sc)
	}
	if _, ok := c.byName["Chart.yaml"]; !ok {
		return nil, fmt.Errorf("%s has no Chart.yaml", c.pathOf(""))
	}
	return c, nil
}

// build turns the files into a Helm chart tree, remembering for each chart where its
// files are reported (keyed by its first raw file, which the copies Helm makes for
// dependency aliases share). A fresh tree is built for every values set, because
// Helm's dependency processing changes the tree (disabled dependencies are removed).
func (c *chartFiles) build(owners map[*chart.File]*chartFiles) (*chart.Chart, error) {
	ch, err := loader.LoadFiles(c.files)
	if err != nil {
		return nil, err
	}
	if len(ch.Raw) > 0 {
		owners[ch.Raw[0]] = c
	}
	for _, sc := range c.subcharts {
		sub, err := sc.build(owners)
		if err != nil {
			return nil, fmt.Errorf("dependency in %s: %w", sc.pathOf(""), err)
		}
		ch.AddDependency(sub)
	}
	return ch, nil
}

// ownerOf returns the files of a chart of a built tree.
func ownerOf(ch *chart.Chart, owners map[*chart.File]*chartFiles) *chartFiles {
	if len(ch.Raw) == 0 {
		return nil
	}
	return owners[ch.Raw[0]]
}

// missingDependencies names the dependencies of Chart.yaml that are not vendored
// under charts/ (Helm would fetch them; infralint never does).
func missingDependencies(ch *chart.Chart) []string {
	var missing []string
	for _, d := range ch.Metadata.Dependencies {
		if !slices.ContainsFunc(ch.Dependencies(), func(c *chart.Chart) bool { return c.Name() == d.Name }) {
			missing = append(missing, d.Name)
		}
	}
	return missing
}
