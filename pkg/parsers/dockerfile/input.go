package dockerfile

// The policy input for a Dockerfile. Policies see these types as JSON (`infralint parse`
// prints them); they never see line numbers. Every element that a finding can point at is
// addressed by a JSON Pointer: /instructions/3, /instructions/3/commands/1,
// /instructions/3/trigger (an ONBUILD body), /stages/1, /stages/1/base.

// Input is one Dockerfile, as policies see it.
type Input struct {
	Kind       string     `json:"kind"` // always "dockerfile"
	Path       string     `json:"path"`
	Directives Directives `json:"directives"`
	// Args are the ARGs declared before the first FROM (the global scope).
	Args         []KeyValue    `json:"args"`
	Stages       []Stage       `json:"stages"`
	Instructions []Instruction `json:"instructions"`
	// Context is what is known of the build context, taken to be the Dockerfile's
	// directory. Known is false when the file was not read from a file system (stdin,
	// an editor buffer): rules about the context must then stay silent.
	Context BuildContext `json:"context"`
}

// BuildContext describes the files beside the Dockerfile that a build reads.
type BuildContext struct {
	Known bool `json:"known"`
	// DockerIgnore is the name of the ignore file that applies, relative to the
	// Dockerfile's directory: <Dockerfile name>.dockerignore or .dockerignore (BuildKit
	// prefers the first). Empty when neither exists.
	DockerIgnore string `json:"dockerignore,omitempty"`
	// DockerIgnoreAbove is true when a parent directory (up to the repository root)
	// holds a .dockerignore: the build context is then probably that directory.
	DockerIgnoreAbove bool `json:"dockerignore_above,omitempty"`
	// Patterns are the patterns of the DockerIgnore file; COPY and ADD sources are
	// matched against them in Go (Instruction.Ignored).
	Patterns []string `json:"-"`
}

// Directives are the parser directives at the top of the file.
type Directives struct {
	Syntax string `json:"syntax,omitempty"`
	Escape string `json:"escape"` // "\\" unless set
	Check  string `json:"check,omitempty"`
}

// Stage is one build stage: a FROM and the instructions up to the next FROM.
type Stage struct {
	Ptr   string `json:"ptr"` // where findings about the stage point: its FROM
	Index int    `json:"index"`
	Name  string `json:"name,omitempty"` // as written after AS
	// Final is true for the last stage, the one a plain `docker build` ships.
	Final bool `json:"final"`
	// Shipped is true for the final stage and every stage whose files reach it (FROM
	// <stage>, COPY --from, RUN --mount=from): the stages rules about the shipped image
	// look at. Builder stages that only feed tests or other targets are not shipped.
	Shipped  bool   `json:"shipped"`
	From     int    `json:"from"` // index of the FROM instruction
	Base     Image  `json:"base"`
	Platform string `json:"platform,omitempty"`
	// InImage is true for the final stage and the stages it is built FROM, directly or
	// through other stages: the stages whose layers, USER, ENV and metadata the shipped
	// image is made of. Stages that only feed it through COPY --from are not.
	InImage bool `json:"in_image"`
	// Chain is the stage's own index followed by the stages it is built FROM, nearest
	// first: the stages whose ENV, USER, WORKDIR and SHELL it starts from.
	Chain []int `json:"chain"`
	// OS is "windows" when the chain's base image is a Windows image (nanoserver,
	// servercore, windows) or sets a Windows SHELL, and "linux" otherwise.
	OS string `json:"os"`
	// Instructions are the indexes of the stage's instructions, FROM included.
	Instructions []int `json:"instructions"`
	// Args and Env are the ARGs and ENVs declared in the stage, in order. Env also holds
	// the ENV of the stage it is built FROM, which the image inherits.
	Args []KeyValue `json:"args"`
	Env  []KeyValue `json:"env"`
	// CopiesFrom lists the stages this stage takes files from (COPY --from, RUN --mount
	// from=), so rules about the shipped image can follow them. BuildKit resolves a
	// stage name anywhere in the file, so a later stage may be listed too.
	CopiesFrom []int `json:"copies_from"`
}

// Image is a base image reference split into its parts with the distribution reference
// parser. When it names an earlier stage, Stage is that stage's index.
type Image struct {
	Ptr        string `json:"ptr"`
	Raw        string `json:"raw"`                  // as written
	Registry   string `json:"registry,omitempty"`   // docker.io when none is written
	Repository string `json:"repository,omitempty"` // path without registry, e.g. library/alpine
	Name       string `json:"name,omitempty"`       // familiar name, e.g. alpine or ghcr.io/o/r
	Tag        string `json:"tag,omitempty"`
	Digest     string `json:"digest,omitempty"`
	Stage      *int   `json:"stage,omitempty"`
	Scratch    bool   `json:"scratch"`
	// Variables is true when the reference uses ARGs ($VERSION): its parts are then
	// what can be read without expanding them.
	Variables bool `json:"variables"`
	// Invalid is set when the reference cannot be parsed even after ARG expansion.
	Invalid bool `json:"invalid"`
}

// Instruction is one Dockerfile instruction.
type Instruction struct {
	Ptr     string `json:"ptr"` // pass to result.fail to point a finding here
	Index   int    `json:"index"`
	Cmd     string `json:"cmd"`     // lower case: run, copy, from, ...
	Keyword string `json:"keyword"` // as written: RUN, run, Run
	// Stage is the index of the stage the instruction belongs to; -1 before the first FROM.
	Stage    int       `json:"stage"`
	Args     []string  `json:"args"`
	Flags    []Flag    `json:"flags"`
	JSONForm bool      `json:"json_form"` // exec form: RUN ["a", "b"]
	Original string    `json:"original"`  // the instruction's first line(s) as BuildKit joined them
	Heredocs []Heredoc `json:"heredocs"`
	// Words are Args with their quotes and escapes removed (variables are kept as
	// written), for the instructions whose arguments the builder splits into words:
	// FROM, COPY, ADD, WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL, MAINTAINER.
	Words []string `json:"words,omitempty"`
	// Comments are the comment lines directly above the instruction (no blank line in
	// between), without their "#", as BuildKit reads them for definition descriptions.
	Comments []string `json:"comments,omitempty"`
	// EmptyContinuations are the empty lines inside the instruction's continuation,
	// which BuildKit skips with a warning; each has a ptr to its line.
	EmptyContinuations []Located `json:"empty_continuations,omitempty"`

	// Pairs are the key/value pairs of ENV, LABEL and ARG.
	Pairs []KeyValue `json:"pairs,omitempty"`
	// LegacyForm is true for `ENV key value` / `LABEL key value` (no "=").
	LegacyForm bool `json:"legacy_form,omitempty"`

	// For COPY and ADD.
	Sources     []string `json:"sources,omitempty"`
	Destination string   `json:"destination,omitempty"`
	// FromStage is the stage a COPY --from names (by name or index, earlier or
	// later); FromImage is the image it names when it names no stage. Neither is set
	// for ONBUILD triggers, whose --from refers to the child build.
	FromStage *int   `json:"from_stage,omitempty"`
	FromImage *Image `json:"from_image,omitempty"`
	// Ignored are the sources (unquoted, cleaned) of a COPY or ADD from the build
	// context that the context's .dockerignore excludes.
	Ignored []string `json:"ignored,omitempty"`

	// Shell is the shell a shell-form RUN, CMD or ENTRYPOINT runs with (after SHELL).
	Shell []string `json:"shell,omitempty"`
	// ShellKind is posix, powershell or cmd. Shell analysis only runs for posix.
	ShellKind string `json:"shell_kind,omitempty"`
	// Commands are the simple commands of a RUN, in source order, from the shell
	// parser: `&&`, `;`, pipes, subshells, `sh -c` bodies and heredoc scripts included.
	// CMD and ENTRYPOINT have them too (shell form, or exec form running a program or
	// `sh -c`): they are not part of lib.dockerfile's commands, which are RUN's.
	Commands []Command `json:"commands,omitempty"`
	// Pipelines is how many pipes (a | b) the commands form; Command.Pipeline numbers them.
	Pipelines int `json:"pipelines,omitempty"`
	// ShellError is set when the shell body did not parse; Commands is then empty.
	ShellError string `json:"shell_error,omitempty"`
	// Mounts are the parsed RUN --mount flags.
	Mounts []map[string]string `json:"mounts,omitempty"`

	// Vars are the variables the instruction's arguments expand ($NAME, ${NAME}), for
	// the instructions whose arguments the builder expands (not RUN, CMD, ENTRYPOINT).
	Vars []Var `json:"vars,omitempty"`

	// Trigger is the instruction inside an ONBUILD.
	Trigger *Instruction `json:"trigger,omitempty"`
}

// Flag is an instruction flag: --mount=type=cache,target=/x has Name "mount" and Value
// "type=cache,target=/x". A flag written without a value has Value "" and Bare true.
type Flag struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Bare  bool   `json:"bare,omitempty"`
}

// KeyValue is a pair from ENV, LABEL or ARG. HasValue is false for `ARG NAME` without default.
// Key and Value are as written; UnquotedKey and UnquotedValue have their quotes and
// escapes removed, as the builder reads them, with variables kept as written.
type KeyValue struct {
	Key           string `json:"key"`
	Value         string `json:"value"`
	HasValue      bool   `json:"has_value"`
	UnquotedKey   string `json:"unquoted_key"`
	UnquotedValue string `json:"unquoted_value"`
	// Vars are the variables the value expands (outside single quotes).
	Vars []string `json:"vars,omitempty"`
}

// Located is an element a finding can point at and that has nothing else to say.
type Located struct {
	Ptr string `json:"ptr"`
}

// Heredoc is a here-document attached to an instruction.
type Heredoc struct {
	Ptr     string `json:"ptr"`
	Name    string `json:"name"`
	Content string `json:"content"`
	Expand  bool   `json:"expand"` // false when the delimiter was quoted
	Chomp   bool   `json:"chomp"`  // <<- strips leading tabs
	// Target is the file a COPY or ADD heredoc is written to.
	Target string `json:"target,omitempty"`
	// Commands are the simple commands of a COPY or ADD heredoc that is a POSIX shell
	// script (its first line is a #! line naming sh, bash, ash, dash, ...), such as an
	// entrypoint script written in the Dockerfile. RUN heredocs are in the RUN's commands.
	Commands []Command `json:"commands,omitempty"`
}

// Command is one simple command of a RUN.
type Command struct {
	Ptr   string `json:"ptr"`
	Index int    `json:"index"` // position in Instruction.Commands
	Name  string `json:"name"`  // the program, e.g. apt-get (path kept as written)
	// Program is Name without its directory (/usr/bin/apt-get → apt-get), the key rules
	// select commands by (lib.dockerfile's commands_of).
	Program string   `json:"program"`
	Args    []string `json:"args"` // the words after the name, unquoted when literal
	// Pipeline numbers the pipe (a | b | c) the command is part of; -1 when it is not
	// piped. PipePosition is its place in that pipe, from 0.
	Pipeline     int `json:"pipeline"`
	PipePosition int `json:"pipe_position"`
	// Via names the wrapper the command was found through: "sudo", "sh -c",
	// "heredoc", ... Empty for a command written directly.
	Via string `json:"via,omitempty"`
	// Subshell is true inside ( ... ), $( ... ) or backquotes.
	Subshell bool `json:"subshell,omitempty"`
	// Condition is true when the command is the test of an if/while/until or the left
	// side of || (its failure does not fail the RUN).
	Condition bool `json:"condition,omitempty"`
	// Env holds the assignments written before the command (`DEBIAN_FRONTEND=x
	// apt-get ...`) and those of an `env` wrapper, values unquoted.
	Env map[string]string `json:"env,omitempty"`
	// Multiline is true when the command's words are written on more than one line.
	Multiline bool `json:"multiline,omitempty"`
	// Sections are the indexes of the arguments that start a new section of a list
	// written over several lines: after a comment line or a line holding only a
	// backslash, which authors use to group the packages of an install.
	Sections []int `json:"sections,omitempty"`
}

// Var is a variable reference in an instruction's arguments.
type Var struct {
	Name string `json:"name"`
	// Defined is true when an ARG or ENV in scope, or a predefined build argument,
	// defines the name.
	Defined bool `json:"defined"`
	// HasDefault is true for ${NAME:-word} and the like, which never expand to nothing.
	HasDefault bool `json:"has_default,omitempty"`
	// Suggestion is a defined name close to an undefined one (a likely typo), or one
	// that differs from it only in case.
	Suggestion string `json:"suggestion,omitempty"`
}
