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
	// Instructions are the indexes of the stage's instructions, FROM included.
	Instructions []int `json:"instructions"`
	// Args and Env are the ARGs and ENVs declared in the stage, in order. Env also holds
	// the ENV of the stage it is built FROM, which the image inherits.
	Args []KeyValue `json:"args"`
	Env  []KeyValue `json:"env"`
	// CopiesFrom lists the earlier stages this stage takes files from (COPY --from,
	// RUN --mount from=), so rules about the shipped image can follow them.
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

	// Pairs are the key/value pairs of ENV, LABEL and ARG.
	Pairs []KeyValue `json:"pairs,omitempty"`
	// LegacyForm is true for `ENV key value` / `LABEL key value` (no "=").
	LegacyForm bool `json:"legacy_form,omitempty"`

	// For COPY and ADD.
	Sources     []string `json:"sources,omitempty"`
	Destination string   `json:"destination,omitempty"`

	// Shell is the shell a shell-form RUN, CMD or ENTRYPOINT runs with (after SHELL).
	Shell []string `json:"shell,omitempty"`
	// ShellKind is posix, powershell or cmd. Shell analysis only runs for posix.
	ShellKind string `json:"shell_kind,omitempty"`
	// Commands are the simple commands of a RUN, in source order, from the shell
	// parser: `&&`, `;`, pipes, subshells, `sh -c` bodies and heredoc scripts included.
	Commands []Command `json:"commands,omitempty"`
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
type KeyValue struct {
	Key      string `json:"key"`
	Value    string `json:"value"`
	HasValue bool   `json:"has_value"`
}

// Heredoc is a here-document attached to an instruction.
type Heredoc struct {
	Name    string `json:"name"`
	Content string `json:"content"`
	Expand  bool   `json:"expand"` // false when the delimiter was quoted
	Chomp   bool   `json:"chomp"`  // <<- strips leading tabs
}

// Command is one simple command of a RUN.
type Command struct {
	Ptr   string   `json:"ptr"`
	Index int      `json:"index"` // position in Instruction.Commands
	Name  string   `json:"name"`  // the program, e.g. apt-get (path kept as written)
	Args  []string `json:"args"`  // the words after the name, unquoted when literal
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
}

// Var is a variable reference in an instruction's arguments.
type Var struct {
	Name string `json:"name"`
	// Defined is true when an ARG or ENV in scope, or a predefined build argument,
	// defines the name.
	Defined bool `json:"defined"`
	// HasDefault is true for ${NAME:-word} and the like, which never expand to nothing.
	HasDefault bool `json:"has_default,omitempty"`
	// Suggestion is a defined name close to an undefined one (a likely typo).
	Suggestion string `json:"suggestion,omitempty"`
}
