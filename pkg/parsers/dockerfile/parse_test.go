package dockerfile_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/infralint/infralint/pkg/model"
	"github.com/infralint/infralint/pkg/parsers/dockerfile"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// parse runs the real parser on testdata/<dir>/<name>/Dockerfile. The path given to the
// parser is the bare "Dockerfile", so dumps do not depend on the test's location.
func parse(t *testing.T, dir string) (*model.Document, []model.FileError, []byte) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	doc, errs := dockerfile.Parse("Dockerfile", src)
	return doc, errs, src
}

func input(t *testing.T, doc *model.Document) *dockerfile.Input {
	t.Helper()
	in, ok := doc.Input.(*dockerfile.Input)
	if !ok {
		t.Fatalf("doc.Input is %T, want *dockerfile.Input", doc.Input)
	}
	return in
}

// dumpJSON is the policy input as `infralint parse` prints it.
func dumpJSON(t *testing.T, doc *model.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc.Input); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pointers lists every pointer a finding can use: stages, base images, instructions,
// ONBUILD triggers, RUN commands and their arguments.
func pointers(in *dockerfile.Input) []string {
	var out []string
	for _, st := range in.Stages {
		out = append(out, st.Ptr, st.Base.Ptr)
	}
	var walk func(i *dockerfile.Instruction)
	commands := func(cs []dockerfile.Command) {
		for _, c := range cs {
			out = append(out, c.Ptr)
			for k := range c.Args {
				out = append(out, fmt.Sprintf("%s/args/%d", c.Ptr, k))
			}
		}
	}
	walk = func(i *dockerfile.Instruction) {
		out = append(out, i.Ptr)
		commands(i.Commands)
		for _, h := range i.Heredocs {
			if len(h.Commands) > 0 || h.Target != "" {
				out = append(out, h.Ptr)
				commands(h.Commands)
			}
		}
		for _, e := range i.EmptyContinuations {
			out = append(out, e.Ptr)
		}
		if i.Trigger != nil {
			walk(i.Trigger)
		}
	}
	for i := range in.Instructions {
		walk(&in.Instructions[i])
	}
	return out
}

// dumpRanges is one `pointer → range  "text"` line per pointer: the range the locator
// gives and the source text it covers, so a wrong column shows as wrong text.
func dumpRanges(t *testing.T, doc *model.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, p := range pointers(input(t, doc)) {
		r := doc.Locations.Locate(p)
		fmt.Fprintf(&b, "%s → %s  %q\n", p, r, doc.Source.TextOf(r))
	}
	return b.Bytes()
}

// golden compares got with the file at path, or rewrites the file under -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run `go test -update` to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

func caseDirs(t *testing.T, root string) []string {
	t.Helper()
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) == 0 {
		t.Fatalf("no cases under %s", root)
	}
	return dirs
}

// TestGolden dumps the policy input and the range of every pointer of each
// testdata/cases/<name>/Dockerfile. Run `go test ./pkg/parsers/dockerfile -update`
// after an intended change and review the diff.
func TestGolden(t *testing.T) {
	root := filepath.Join("testdata", "cases")
	for _, name := range caseDirs(t, root) {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(root, name)
			doc, errs, _ := parse(t, dir)
			if len(errs) > 0 {
				t.Fatalf("unexpected errors: %v", errs)
			}
			if doc == nil {
				t.Fatal("no document")
			}
			checkRanges(t, doc)
			golden(t, filepath.Join(dir, "want.json"), dumpJSON(t, doc))
			golden(t, filepath.Join(dir, "want.ranges.txt"), dumpRanges(t, doc))
		})
	}
}

// checkRanges asserts what must hold for any input, independently of the goldens:
// every pointer has a real range inside the file, and a command written directly in a
// shell-form RUN is located at its own name.
func checkRanges(t *testing.T, doc *model.Document) {
	t.Helper()
	in := input(t, doc)
	for _, p := range pointers(in) {
		r := doc.Locations.Locate(p)
		if !r.Valid() || r.End.Line > doc.Source.LineCount() {
			t.Errorf("%s: range %s is not a real range of a %d-line file", p, r, doc.Source.LineCount())
		}
	}
	var check func(i *dockerfile.Instruction)
	check = func(i *dockerfile.Instruction) {
		if i.Trigger != nil {
			check(i.Trigger)
		}
		if i.JSONForm {
			return
		}
		cmds := slices.Clone(i.Commands)
		for _, h := range i.Heredocs {
			cmds = append(cmds, h.Commands...)
		}
		for _, c := range cmds {
			if c.Via != "" || strings.ContainsAny(c.Name, `"'$\`) {
				continue
			}
			text := doc.Source.TextOf(doc.Locations.Locate(c.Ptr))
			if !strings.HasPrefix(text, c.Name) {
				t.Errorf("%s (%s): range covers %q, which does not start with the command", c.Ptr, c.Name, text)
			}
		}
	}
	for i := range in.Instructions {
		check(&in.Instructions[i])
	}
}

// TestNegative parses inputs with errors. Some cannot be read at all: no document, one
// error with a line. In others one instruction is bad: an error on its line, and the
// rest of the document is still returned.
func TestNegative(t *testing.T) {
	tests := []struct {
		name string
		// doc is whether a document is returned; instructions is then its length.
		doc          bool
		instructions int
		errLine      int
		errContains  string
	}{
		{name: "unterminated-heredoc", errLine: 2, errContains: "unterminated heredoc"},
		{name: "no-instructions", errLine: 3, errContains: "no instructions"},
		{name: "empty", errLine: 1, errContains: "no instructions"},
		{name: "unknown-instruction", doc: true, instructions: 4, errLine: 2, errContains: "unknown instruction: FOO"},
		{name: "bad-flag", doc: true, instructions: 4, errLine: 2, errContains: "chmodd"},
	}
	root := filepath.Join("testdata", "negative")
	listed := map[string]bool{}
	for _, tc := range tests {
		listed[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			doc, errs, _ := parse(t, filepath.Join(root, tc.name))
			if len(errs) != 1 {
				t.Fatalf("got %d errors %v, want 1", len(errs), errs)
			}
			e := errs[0]
			if e.File != "Dockerfile" {
				t.Errorf("error file = %q", e.File)
			}
			if e.Range == nil {
				t.Fatalf("error %q has no range", e.Message)
			}
			if !e.Range.Valid() || e.Range.Start.Line != tc.errLine {
				t.Errorf("error range = %s, want a range on line %d", e.Range, tc.errLine)
			}
			if !strings.Contains(e.Message, tc.errContains) {
				t.Errorf("error message %q does not contain %q", e.Message, tc.errContains)
			}
			if strings.Contains(e.Message, "parse error on line") {
				t.Errorf("error message %q repeats the line its range gives", e.Message)
			}
			if !tc.doc {
				if doc != nil {
					t.Fatalf("got a document, want none")
				}
				return
			}
			if doc == nil {
				t.Fatal("no document: the rest of the file was lost")
			}
			in := input(t, doc)
			if len(in.Instructions) != tc.instructions {
				t.Fatalf("got %d instructions, want %d", len(in.Instructions), tc.instructions)
			}
			// The RUN after the bad instruction is still analysed.
			var names []string
			for _, i := range in.Instructions {
				for _, c := range i.Commands {
					names = append(names, c.Name)
				}
			}
			if len(names) == 0 || names[0] != "apk" {
				t.Errorf("commands after the bad instruction = %v, want apk first", names)
			}
			checkRanges(t, doc)
		})
	}
	for _, name := range caseDirs(t, root) {
		if !listed[name] {
			t.Errorf("testdata/negative/%s has no entry in the table", name)
		}
	}
}

// TestCommandRanges pins the exact start and end of named commands: the occurrence-th
// command called name (0-based) must span start to end (line:column, end exclusive,
// columns in code points).
func TestCommandRanges(t *testing.T) {
	tests := []struct {
		name       string
		src        string
		cmd        string
		occurrence int
		want       string
		via        string
	}{
		{
			name: "apt-get install on line 3 of a continued RUN",
			src: "FROM debian:12.5\n" +
				"RUN apt-get update \\\n" +
				"    && apt-get install -y curl \\\n" +
				"    && rm -rf /var/lib/apt/lists/*\n",
			cmd: "apt-get", occurrence: 1, want: "3:8-3:31",
		},
		{
			name: "command after a comment line and a blank line inside the continuation",
			src: "FROM debian:12.5\n" +
				"RUN apt-get update && \\\n" +
				"# a comment Dockerfile drops\n" +
				"\n" +
				"  apt-get install -y \\\n" +
				"    curl\n",
			cmd: "apt-get", occurrence: 1, want: "5:3-6:9",
		},
		{
			name: "one-liner",
			src:  "FROM alpine:3.20\nRUN apk add curl && echo ok\n",
			cmd:  "echo", want: "2:21-2:28",
		},
		{
			name: "pipe",
			src:  "FROM alpine:3.20\nRUN curl -fsSL https://x | sh\n",
			cmd:  "sh", want: "2:28-2:30",
		},
		{
			name: "inside sh -c single quotes",
			src:  "FROM alpine:3.20\nRUN sh -c 'apk update && apk add git'\n",
			cmd:  "apk", occurrence: 1, want: "2:26-2:37", via: "sh -c",
		},
		{
			name: "inside bash -c double quotes",
			src:  "FROM alpine:3.20\nRUN bash -c \"apk add git\"\n",
			cmd:  "apk", want: "2:14-2:25", via: "sh -c",
		},
		{
			name: "command substitution",
			src:  "FROM alpine:3.20\nRUN v=\"$(uname -r)\" && echo $v\n",
			cmd:  "uname", want: "2:10-2:18",
		},
		{
			name: "ONBUILD RUN",
			src:  "FROM alpine:3.20\nONBUILD RUN apk add curl\n",
			cmd:  "apk", want: "2:13-2:25",
		},
		{
			name: "flags before the command",
			src:  "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk \\\n    --network=none apk add curl\n",
			cmd:  "apk", want: "3:20-3:32",
		},
		{
			name: "tab and non-ASCII before the command count one column each",
			src:  "FROM alpine:3.20\nRUN\techo \"héllo wörld\" && apk add curl\n",
			cmd:  "apk", want: "2:27-2:39",
		},
		{
			name: "CJK before the command",
			src:  "FROM alpine:3.20\nRUN echo 日本語 && apk add curl\n",
			cmd:  "apk", want: "2:17-2:29",
		},
		{
			name: "CRLF line endings",
			src:  "FROM alpine:3.20\r\nRUN echo a \\\r\n && apk add curl\r\n",
			cmd:  "apk", want: "3:5-3:17",
		},
		{
			name: "BOM",
			src:  "\xef\xbb\xbfFROM alpine\nRUN apk add curl\n",
			cmd:  "apk", want: "2:5-2:17",
		},
		{
			name: "heredoc body",
			src:  "FROM alpine:3.20\nRUN <<EOF\nset -e\n  apk add curl\nEOF\n",
			cmd:  "apk", want: "4:3-4:15", via: "heredoc",
		},
		{
			name: "inside bash -o pipefail -c",
			src:  "FROM debian:12.5\nRUN bash -o pipefail -c 'curl -fsSL https://x | tar -x'\n",
			cmd:  "tar", want: "2:49-2:55", via: "sh -c",
		},
		{
			name: "heredoc read by bash -o pipefail",
			src:  "FROM alpine:3.20\nRUN bash -o pipefail <<EOF\ncurl -fsSL https://x | apk add curl\nEOF\n",
			cmd:  "apk", want: "3:24-3:36", via: "heredoc",
		},
		{
			name: "sudo wrapper",
			src:  "FROM debian:12.5\nRUN echo a; sudo apt-get install -y x\n",
			cmd:  "apt-get", want: "2:13-2:38", via: "sudo",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, errs := dockerfile.Parse("Dockerfile", []byte(tc.src))
			if doc == nil || len(errs) > 0 {
				t.Fatalf("parse: %v", errs)
			}
			in := input(t, doc)
			var found *dockerfile.Command
			n := 0
			var all []string
			var visit func(i *dockerfile.Instruction)
			visit = func(i *dockerfile.Instruction) {
				for k := range i.Commands {
					c := &i.Commands[k]
					all = append(all, c.Name)
					if c.Name == tc.cmd {
						if n == tc.occurrence && found == nil {
							found = c
						}
						n++
					}
				}
				if i.Trigger != nil {
					visit(i.Trigger)
				}
			}
			for i := range in.Instructions {
				visit(&in.Instructions[i])
			}
			if found == nil {
				t.Fatalf("no command %s #%d among %v", tc.cmd, tc.occurrence, all)
			}
			if found.Via != tc.via {
				t.Errorf("via = %q, want %q", found.Via, tc.via)
			}
			r := doc.Locations.Locate(found.Ptr)
			if got := r.String(); got != tc.want {
				t.Errorf("%s: range %s (%q), want %s", found.Ptr, got, doc.Source.TextOf(r), tc.want)
			}
		})
	}
}

// TestFacts asserts the facts of the golden cases that rules rely on, so that a wrong
// golden cannot be blessed by -update unnoticed.
func TestFacts(t *testing.T) {
	load := func(t *testing.T, name string) *dockerfile.Input {
		t.Helper()
		doc, errs, _ := parse(t, filepath.Join("testdata", "cases", name))
		if doc == nil || len(errs) > 0 {
			t.Fatalf("parse %s: %v", name, errs)
		}
		return input(t, doc)
	}
	commandNames := func(i dockerfile.Instruction) []string {
		var names []string
		for _, c := range i.Commands {
			names = append(names, c.Via+"|"+c.Name)
		}
		return names
	}

	t.Run("FROM ${BASE} is read with the global ARG default", func(t *testing.T) {
		in := load(t, "multistage")
		base := in.Stages[1].Base
		if base.Raw != "${BASE}" || !base.Variables || base.Name != "debian" || base.Tag != "12.5" {
			t.Errorf("base = %+v", base)
		}
		if got := []bool{in.Stages[0].Shipped, in.Stages[1].Shipped, in.Stages[2].Shipped, in.Stages[3].Shipped}; !cmp.Equal(got, []bool{true, true, false, true}) {
			t.Errorf("shipped = %v", got)
		}
		if s := in.Stages[3].Base.Stage; s == nil || *s != 1 {
			t.Errorf("FROM runtime: stage = %v, want 1", s)
		}
	})
	t.Run("context names the stage, from its FROM on", func(t *testing.T) {
		doc, _, _ := parse(t, filepath.Join("testdata", "cases", "multistage"))
		for ptr, want := range map[string]string{
			"/instructions/0":            "",
			"/stages/0":                  "stage build",
			"/stages/0/base":             "stage build",
			"/instructions/2":            "stage build",
			"/instructions/5/commands/0": "stage build",
			"/stages/1/base":             "stage runtime",
			"/instructions/7":            "stage runtime",
			"/stages/3/base":             "stage 3",
			"/instructions/11":           "stage 3",
		} {
			if got := doc.Locations.Context(ptr); got != want {
				t.Errorf("Context(%s) = %q, want %q", ptr, got, want)
			}
		}
	})
	t.Run("heredocs: shell bodies are analysed, a python body is not", func(t *testing.T) {
		in := load(t, "heredoc")
		want := [][]string{
			1: {"heredoc|apk", "heredoc|echo"},
			2: {"|bash", "heredoc|set", "heredoc|apt-get"},
			3: {"|python3"},
			4: {"heredoc|echo", "heredoc|wc"},
		}
		for i := 1; i <= 4; i++ {
			if diff := cmp.Diff(want[i], commandNames(in.Instructions[i])); diff != "" {
				t.Errorf("instruction %d commands (-want +got):\n%s", i, diff)
			}
		}
	})
	t.Run("exec form", func(t *testing.T) {
		in := load(t, "exec-form")
		want := [][]string{
			1: {"sh -c|apt-get", "sh -c|apt-get"},
			2: {"|apt-get"},
			3: {"sh -c|curl", "sh -c|tar"},
		}
		for i := 1; i <= 3; i++ {
			if diff := cmp.Diff(want[i], commandNames(in.Instructions[i])); diff != "" {
				t.Errorf("instruction %d commands (-want +got):\n%s", i, diff)
			}
		}
	})
	t.Run("SHELL powershell: no command analysis, also in a child stage", func(t *testing.T) {
		in := load(t, "shell-powershell")
		for _, i := range []int{2, 3, 5} {
			got := in.Instructions[i]
			if got.ShellKind != "powershell" || len(got.Commands) != 0 {
				t.Errorf("instruction %d (%s): shell kind %q, %d commands; want powershell and none", i, got.Original, got.ShellKind, len(got.Commands))
			}
		}
		if got := in.Instructions[7]; got.ShellKind != "posix" || len(got.Commands) != 1 {
			t.Errorf("debian stage RUN: shell kind %q, %d commands", got.ShellKind, len(got.Commands))
		}
	})
	t.Run("SHELL bash -o pipefail", func(t *testing.T) {
		in := load(t, "shell-bash-pipefail")
		run := in.Instructions[2]
		if !cmp.Equal(run.Shell, []string{"/bin/bash", "-o", "pipefail", "-c"}) || run.ShellKind != "posix" {
			t.Errorf("shell = %v (%s)", run.Shell, run.ShellKind)
		}
		if diff := cmp.Diff([]string{"|curl", "|gpg"}, commandNames(run)); diff != "" {
			t.Errorf("commands (-want +got):\n%s", diff)
		}
	})
	t.Run("ENV and LABEL legacy form", func(t *testing.T) {
		in := load(t, "env-legacy")
		for i, want := range map[int]bool{1: true, 2: false, 3: true, 5: false} {
			if got := in.Instructions[i].LegacyForm; got != want {
				t.Errorf("%s: legacy form = %v, want %v", in.Instructions[i].Original, got, want)
			}
		}
		if v := in.Instructions[6].Vars; len(v) != 1 || v[0].Defined || v[0].Suggestion != "APP_VERSION" {
			t.Errorf("WORKDIR vars = %+v, want APP_VERSIN undefined, suggesting APP_VERSION", v)
		}
	})
	t.Run("ONBUILD RUN", func(t *testing.T) {
		in := load(t, "onbuild")
		for _, i := range []int{3, 4} {
			tr := in.Instructions[i].Trigger
			if tr == nil || tr.Cmd != "run" || len(tr.Commands) == 0 {
				t.Errorf("instruction %d: trigger = %+v", i, tr)
			}
		}
	})
	t.Run("escape directive", func(t *testing.T) {
		in := load(t, "escape-backtick")
		if in.Directives.Escape != "`" {
			t.Errorf("escape = %q", in.Directives.Escape)
		}
		if run := in.Instructions[2]; run.Cmd != "run" || len(run.Commands) != 0 {
			t.Errorf("RUN with escape=` has commands %v (its continuation is not a shell's)", run.Commands)
		}
	})
	t.Run("a RUN whose shell does not parse keeps the file", func(t *testing.T) {
		in := load(t, "shell-syntax-error")
		if in.Instructions[1].ShellError == "" || len(in.Instructions[1].Commands) != 0 {
			t.Errorf("bad RUN: shell error %q, commands %v", in.Instructions[1].ShellError, in.Instructions[1].Commands)
		}
		if len(in.Instructions[2].Commands) != 2 {
			t.Errorf("next RUN: commands %v", in.Instructions[2].Commands)
		}
	})
}

// TestUnknownInstructionSuggestionIsStable: BuildKit picks its "did you mean" from a
// map's order, so "a" got ADD in one run and ARG in the next. The suggestion is now the
// nearest name, alphabetically first on a tie, in the case the word was written in.
func TestUnknownInstructionSuggestionIsStable(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{"a x", "unknown instruction: a (did you mean add?)"},
		{"A x", "unknown instruction: A (did you mean ADD?)"},
		{"FOO x", "unknown instruction: FOO (did you mean FROM?)"},
		{"Cmdd x", "unknown instruction: Cmdd (did you mean cmd?)"},
		{"frobnicate x", "unknown instruction: frobnicate"},
	} {
		for range 20 {
			_, errs := dockerfile.Parse("Dockerfile", []byte("FROM alpine:3.20\n"+c.line+"\n"))
			if len(errs) != 1 || errs[0].Message != c.want {
				t.Fatalf("%q: got %v, want one error %q", c.line, errs, c.want)
			}
		}
	}
}

// TestArgumentAnchors pins the anchors of a command's arguments, which fingerprints are
// made of: the command's anchor, a space and the pointer's rest for an argument the
// parser located, and the command's anchor and the rest for anything below the command
// that it did not locate. Anchors name text, not lines: a line added above changes none.
func TestArgumentAnchors(t *testing.T) {
	const body = "RUN apt-get update && apt-get install -y curl wget\n"
	anchors := func(src string) []string {
		t.Helper()
		doc, errs := dockerfile.Parse("Dockerfile", []byte(src))
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		var cmd string
		for _, c := range input(t, doc).Instructions[1].Commands {
			if c.Name == "apt-get" && len(c.Args) == 4 {
				cmd = c.Ptr
			}
		}
		if cmd == "" {
			t.Fatal("no apt-get install command")
		}
		loc := doc.Locations
		var out []string
		for _, p := range []string{cmd, cmd + "/args/2", cmd + "/args/3", cmd + "/args/9", cmd + "/args/03", cmd + "/via"} {
			out = append(out, loc.Anchor(p))
		}
		if got := doc.Source.TextOf(loc.Locate(cmd + "/args/3")); got != "wget" {
			t.Errorf("argument 3 is located at %q, want wget", got)
		}
		if got, want := loc.Locate(cmd+"/args/9"), loc.Locate(cmd); got != want {
			t.Errorf("argument 9, which the command does not have, is located at %v, want the command's %v", got, want)
		}
		return out
	}
	got := anchors("FROM debian\n" + body)
	c := got[0]
	want := []string{c, c + " /args/2", c + " /args/3", c + "/args/9", c + "/args/03", c + "/via"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("anchors (-want +got):\n%s", diff)
	}
	if !strings.Contains(c, "apt-get install -y curl wget") {
		t.Errorf("the command's anchor %q does not name its text", c)
	}
	if diff := cmp.Diff(got, anchors("FROM debian\n\n# a comment\n"+body)); diff != "" {
		t.Errorf("anchors moved with the lines above (-before +after):\n%s", diff)
	}
}
