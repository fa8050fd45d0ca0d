package dockerfile

import (
	"strings"

	"github.com/infralint/infralint/pkg/model"
)

// NodeStartingAt implements model.NodeLocator: the range of the instruction that starts
// on line, continuation lines and heredoc bodies included, so `# infralint ignore=ID`
// above a multi-line RUN covers all of it.
func (l *locator) NodeStartingAt(file string, line int) (model.Range, bool) {
	if file != "" {
		return model.Range{}, false // a Dockerfile is one file
	}
	for ptr, r := range l.ranges {
		rest, ok := strings.CutPrefix(ptr, "/instructions/")
		if !ok || strings.Contains(rest, "/") || r.Start.Line != line {
			continue
		}
		return r, true
	}
	return model.Range{}, false
}

var _ model.NodeLocator = (*locator)(nil)
