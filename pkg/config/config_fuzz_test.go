package config

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"sync"
	"testing"

	"github.com/infralint/infralint/internal/fuzzcheck"
	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/rules"
)

var (
	fuzzRegOnce sync.Once
	fuzzReg     *rules.Registry
)

// yamlBlocks are the YAML examples of a Markdown page.
var yamlBlocks = regexp.MustCompile("(?s)```ya?ml\n(.*?)```")

// FuzzParse reads a configuration file, then checks and plans it against the built-in
// rules: no panic, no hang, and every error at a line and column of the file.
func FuzzParse(f *testing.F) {
	if doc, err := os.ReadFile("../../docs/configuration.md"); err == nil {
		for _, m := range yamlBlocks.FindAllSubmatch(doc, -1) {
			f.Add(m[1])
		}
	}
	for _, s := range []string{
		"",
		"version: 1\nfail-on: error\nrules:\n  DL3008: off\n  apt-get-unpinned: {severity: error}\n",
		"exclude: [vendor/**]\noverrides:\n  - paths: [legacy/**]\n    rules: {base-image-untagged: info}\n",
		"helm:\n  values-sets:\n    prod: [values-prod.yaml]\n  set: [a=b]\ncompose:\n  profiles: [dev]\n",
		"rules:\n  label-missing:\n    options: {required: [org.opencontainers.image.source]}\n",
		"policies: &p [x]\nexclude: *p\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRegOnce.Do(func() {
			reg, err := rules.Load()
			if err != nil {
				t.Fatal(err)
			}
			fuzzReg = reg
		})
		fuzzcheck.Within(t, fuzzcheck.Timeout, func() error { return checkConfig(data) })
	})
}

func checkConfig(data []byte) error {
	const path = "dir/.infralint.yaml"
	c, err := Parse(path, data)
	src := model.NewSource(model.YAMLText(data)) // the lines YAML reads
	if err := configErrors(src, err); err != nil {
		return err
	}
	if c == nil {
		if err == nil {
			return fmt.Errorf("no configuration and no error")
		}
		return nil
	}
	if err := configErrors(src, c.Check(fuzzReg)); err != nil {
		return err
	}
	if p, err := c.Plan(fuzzReg, Flags{}, "/work"); err == nil && p != nil {
		p.Excluded("a/b/Dockerfile", false)
		p.Rule("a/b/Dockerfile", "apt-get-unpinned", model.SeverityWarning)
	}
	return nil
}

// configErrors checks that every error of a (possibly joined) error names the file
// and a line and column inside it.
func configErrors(src *model.Source, err error) error {
	if err == nil {
		return nil
	}
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	for _, e := range list {
		var ce *Error
		if !errors.As(e, &ce) {
			continue
		}
		if ce.Msg == "" {
			return fmt.Errorf("error without a message at line %d", ce.Line)
		}
		if ce.Line == 0 {
			continue
		}
		if ce.Line < 1 || ce.Line > max(src.LineCount(), 1) || ce.Column < 1 || ce.Column > src.LineEnd(ce.Line) {
			return fmt.Errorf("error %q at %d:%d, outside the file (%d lines)", ce.Msg, ce.Line, ce.Column, src.LineCount())
		}
	}
	return nil
}
