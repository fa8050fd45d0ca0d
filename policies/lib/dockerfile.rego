# METADATA
# description: |
#   Helpers over the Dockerfile input (see `infralint parse Dockerfile` for its shape).
package infralint.lib.dockerfile

# instructions are the Dockerfile's instructions and the instructions inside ONBUILD
# triggers, which run in every image built FROM this one.
instructions contains i if some i in input.instructions

instructions contains i.trigger if {
	some i in input.instructions
	i.trigger
}

# runs are the RUN instructions, ONBUILD RUN included.
runs contains i if {
	some i in instructions
	i.cmd == "run"
}

# commands are the simple commands of every RUN, with the RUN they belong to.
commands contains [run, c] if {
	some run in runs
	some c in run.commands
}

# final_stage is the stage a plain `docker build` ships.
final_stage := s if {
	some s in input.stages
	s.final
}

# shipped_stages are the final stage and every stage whose files reach it, through
# FROM <stage>, COPY --from or RUN --mount=from (computed by the parser).
shipped_stages contains s if {
	some s in input.stages
	s.shipped
}

# in_stage is true when instruction i belongs to stage s.
in_stage(i, s) if i.stage == s.index

# has_flag is true when a command's arguments hold a flag, given by its short form
# (a letter, which may be combined with others: -qy) or its long form (--yes).
has_flag(cmd, short, long) if {
	some a in cmd.args
	_flag_matches(a, short, long)
}

_flag_matches(a, _, long) if {
	long != ""
	a == long
}

_flag_matches(a, _, long) if {
	long != ""
	startswith(a, concat("", [long, "="]))
}

# A cluster of short flags is letters only: -qy is -q -y, but -oAcquire::x=y is -o with
# a value and holds no -y.
_flag_matches(a, short, _) if {
	short != ""
	regex.match(`^-[A-Za-z]+$`, a)
	contains(substring(a, 1, -1), short)
}

# positional returns the arguments that are not flags.
positional(cmd) := [a | some a in cmd.args; not startswith(a, "-")]

# subcommand is the first positional argument: install in `apt-get -y install x`. It
# cannot know which flags take a separate value (`apt-get -o X=Y install`): rules for a
# given program should use that program's helper in lib/packages.rego.
subcommand(cmd) := positional(cmd)[0]

# flag_value returns the value of a --name=value instruction flag.
flag_value(instr, name) := f.value if {
	some f in instr.flags
	f.name == name
}

# ---------------------------------------------------------------------------------------
# Stage facts (computed by the parser; see `infralint parse`)

# stage_of is the stage an instruction belongs to (undefined before the first FROM).
stage_of(i) := input.stages[i.stage]

# image_stage is true for an instruction of a stage whose layers the shipped image is
# made of: the final stage and the stages it is built FROM (stage.in_image).
image_stage(i) if input.stages[i.stage].in_image

# image_instructions are the instructions (ONBUILD triggers included) of those stages.
image_instructions contains i if {
	some i in instructions
	input.stages[i.stage].in_image
}

# chain_of is the set of indexes of the stage of instruction i and the stages it is
# built FROM: the stages whose ENV, USER, WORKDIR and SHELL it starts from.
chain_of(i) := {j | some j in input.stages[i.stage].chain}

# final_chain is the set of indexes of the final stage and the stages it is built FROM.
final_chain := {s.index | some s in input.stages; s.in_image}

# multi_stage is true when the Dockerfile has more than one stage.
multi_stage if count(input.stages) > 1

# words returns an instruction's arguments without quotes (variables kept as written),
# for FROM, COPY, ADD, WORKDIR, USER, EXPOSE, VOLUME and STOPSIGNAL; its raw arguments
# for the others.
words(i) := i.words

words(i) := i.args if not i.words

# unquote removes one level of matching quotes around a whole word.
unquote(s) := substring(s, 1, count(s) - 2) if {
	count(s) >= 2
	some q in [`"`, "'"]
	startswith(s, q)
	endswith(s, q)
} else := s

# top_level is true for a command of the RUN's own script: written directly, in a
# heredoc body, or in the script of an exec-form RUN ["sh", "-c", "..."]; not a child
# shell started by `sh -c` inside a shell-form RUN, nor a subshell.
top_level(run, cmd) if {
	not cmd.subshell
	_top_via(run, cmd)
}

_top_via(_, cmd) if not cmd.via

_top_via(_, cmd) if cmd.via == "heredoc"

_top_via(run, cmd) if {
	run.json_form
	cmd.via == "sh -c"
}

# env_sets is true when the command runs with variable name set: X=1 cmd, env X=1 cmd.
env_sets(cmd, name) if cmd.env[name]

# copies_from_context is true for a COPY or ADD that reads the build context: no
# --from, and not only heredocs or remote sources.
copies_from_context(i) if {
	i.cmd in {"copy", "add"}
	not flag_value(i, "from")
	some s in i.sources
	not contains(s, "://")
	not startswith(s, "git@")
}

# commands_of[p] are the [run, cmd] pairs of the commands whose program is p (apt-get
# also for /usr/bin/apt-get or sudo apt-get): a rule about one program looks only at
# that program's commands, instead of every command of the file. It is a complete
# rule over the partial set below, so the grouping is done once per document: looking
# up a partial rule by key would scan every command again for each program asked for.
commands_of := _commands_by_program

_commands_by_program[c.program] contains [run, c] if {
	some run in runs
	some c in run.commands
}

# instructions_of[c] are the instructions whose command is c (run, copy, ...), ONBUILD
# triggers included; top_level_of[c] leaves the triggers out. Complete rules, grouped
# once per document (see commands_of).
instructions_of := _instructions_by_cmd

_instructions_by_cmd[i.cmd] contains i if some i in instructions

top_level_of := _top_level_by_cmd

_top_level_by_cmd[i.cmd] contains i if some i in input.instructions
