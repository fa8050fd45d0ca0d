# METADATA
# description: |
#   Builds findings. A rule never restates its own ID or severity: the engine adds them
#   from the rule's METADATA. A finding names what is wrong by a JSON Pointer into the
#   input (every instruction, command, stage and base image carries its own `ptr`), and
#   the engine turns that into a file range.
package infralint.lib.result

# fail returns a finding about node, any input element with a `ptr` field.
fail(node, msg) := {"ptr": node.ptr, "msg": msg}

# at returns a finding about the element at a JSON Pointer into the input.
at(ptr, msg) := {"ptr": ptr, "msg": msg}

# arg returns a finding about the k-th argument of a shell command (0 is the first word
# after the command name), such as one unpinned package of an install.
arg(cmd, k, msg) := {"ptr": sprintf("%s/args/%d", [cmd.ptr, k]), "msg": msg}
