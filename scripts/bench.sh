#!/usr/bin/env bash
# Measures infralint's speed and memory on this machine; docs/performance.md explains what
# and why. Run from the repository root; it needs no network.
#
#   scripts/bench.sh            measure and print a Markdown report
#   scripts/bench.sh --write    ... and rewrite the measured section of docs/performance.md
#   scripts/bench.sh --quick    fewer runs (a rough look, not for the docs)
#   scripts/bench.sh --no-go    skip the Go benchmarks (CLI timings only)
#   scripts/bench.sh --install  first apt-get install hyperfine, time and jq when missing
#
# Whole-process timings use hyperfine when present, else a loop timed with bash's `time`.
# The corpus runs use ../shared/corpus (third-party files: read in place, never copied
# into the repository): its Dockerfiles with -j 1 and all cores, each other kind and the
# whole corpus at once; they are skipped when it is absent. The result cache is off, but
# for one row: a warm re-run of the whole corpus, against reading and hashing its files.
set -euo pipefail
cd "$(dirname "$0")/.."

write=false quick=false gobench=true install=false
for arg in "$@"; do
  case $arg in
    --write) write=true ;;
    --quick) quick=true ;;
    --no-go) gobench=false ;;
    --install) install=true ;;
    -h | --help) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown argument $arg (try --help)" >&2; exit 2 ;;
  esac
done

have() { command -v "$1" >/dev/null 2>&1; }
log() { printf '%s\n' "$*" >&2; }

if $install; then
  missing=()
  have hyperfine || missing+=(hyperfine)
  [[ -x /usr/bin/time ]] || missing+=(time)
  have jq || missing+=(jq)
  if ((${#missing[@]})); then apt-get install -y "${missing[@]}" >&2; fi
fi
have jq || have python3 || { log "bench.sh: needs jq or python3 to read JSON"; exit 2; }

bin=.bench/infralint
# Every run here measures the work itself: the result cache (docs/performance.md,
# "Result cache") would turn the repeated runs into cache hits.
export INFRALINT_NO_CACHE=1
corpus=../shared/corpus/dockerfiles
ncpu=$(nproc)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs per measurement: fast commands, one-file lints, whole-corpus runs.
if $quick; then
  fast=(2 10) one=(2 8) whole=(0 2) warm=(1 3) rss_runs=1 go_count=2
else
  fast=(3 30) one=(3 20) whole=(1 5) warm=(2 10) rss_runs=3 go_count=5
fi

log "building $bin"
go build -trimpath -o "$bin" ./cmd/infralint

# --- JSON helpers: jq when present, else python3 ---------------------------------------
rule_ids() { # rules JSON on stdin -> every rule ID, comma-separated
  if have jq; then jq -r '[.[].id] | join(",")'; else
    python3 -c 'import json,sys; print(",".join(r["id"] for r in json.load(sys.stdin)))'
  fi
}
rule_counts() { # rules JSON on stdin -> "total dockerfile-rules-on-by-default"
  if have jq; then jq -r '"\(length) \([.[] | select(.target == "dockerfile" and .enabled)] | length)"'; else
    python3 -c 'import json,sys; r=json.load(sys.stdin); print(len(r), sum(1 for x in r if x["target"]=="dockerfile" and x["enabled"]))'
  fi
}
report_counts() { # JSON report on stdin -> "files findings file_errors distinct-files-with-errors"
  if have jq; then jq -r '"\(.summary.files) \(.summary.findings) \(.summary.file_errors) \([.errors[].file] | unique | length)"'; else
    python3 -c 'import json,sys; d=json.load(sys.stdin); s=d["summary"]; print(s["files"], s["findings"], s["file_errors"], len({e["file"] for e in d["errors"]}))'
  fi
}

rules_json=$("$bin" rules --format json)
read -r n_rules n_docker_rules <<<"$(rule_counts <<<"$rules_json")"
all_rules=$(rule_ids <<<"$rules_json")

cat >"$work/Dockerfile" <<'EOF'
FROM python:3.12-slim AS build
WORKDIR /src
COPY requirements.txt .
RUN apt-get update && apt-get install -y gcc \
 && pip install --prefix=/install -r requirements.txt
COPY . .

FROM python:3.12-slim
COPY --from=build /install /usr/local
COPY --from=build /src /app
WORKDIR /app
USER nobody
CMD ["python", "-m", "app"]
EOF

# --- whole-process timings ---------------------------------------------------------------
# Each row: id, label, median ms, min ms, mean user+sys ms, runs.
rows=()

# measure ID LABEL WARMUP RUNS CMD... : time a command (exit status ignored, output discarded).
measure() {
  local id=$1 label=$2 warmup=$3 runs=$4
  shift 4
  log "timing: $label"
  if have hyperfine; then
    local cmd
    cmd=$(printf '%q ' "$@")
    hyperfine -N -i --style none --warmup "$warmup" --runs "$runs" \
      --export-csv "$work/$id.csv" -n "$id" "$cmd" >/dev/null
    # command,mean,stddev,median,user,system,min,max (seconds)
    rows+=("$(awk -F, -v id="$id" -v label="$label" -v runs="$runs" 'NR == 2 {
      printf "%s\t%s\t%.1f\t%.1f\t%.1f\t%d", id, label, $4 * 1000, $7 * 1000, ($5 + $6) * 1000, runs }' "$work/$id.csv")")
  else
    local i TIMEFORMAT='%R %U %S'
    for ((i = 0; i < warmup; i++)); do "$@" >/dev/null 2>&1 || true; done
    : >"$work/$id.times"
    for ((i = 0; i < runs; i++)); do
      { time "$@" >/dev/null 2>&1 || true; } 2>>"$work/$id.times"
    done
    rows+=("$(sort -n "$work/$id.times" | awk -v id="$id" -v label="$label" '
      { real[NR] = $1; cpu += $2 + $3 }
      END { med = NR % 2 ? real[(NR + 1) / 2] : (real[NR / 2] + real[NR / 2 + 1]) / 2
            printf "%s\t%s\t%.1f\t%.1f\t%.1f\t%d", id, label, med * 1000, real[1] * 1000, cpu / NR * 1000, NR }')")
  fi
}

measure version "infralint --version" "${fast[@]}" "$bin" --version
measure help "infralint --help" "${fast[@]}" "$bin" --help
measure rules "infralint rules (registry load)" "${fast[@]}" "$bin" rules
measure one "lint 1 Dockerfile (cold start)" "${one[@]}" "$bin" --no-color "$work/Dockerfile"
measure one_off "lint 1 Dockerfile, every rule off" "${one[@]}" "$bin" --no-color --disable "$all_rules" "$work/Dockerfile"

have_corpus=false
if [[ -d $corpus ]]; then
  have_corpus=true
  measure corpus_j1 "corpus, -j 1" "${whole[@]}" "$bin" --no-color -j 1 "$corpus"
  measure corpus_jn "corpus, -j $ncpu (all cores)" "${whole[@]}" "$bin" --no-color "$corpus"
  measure floor_j1 "corpus, every rule off, -j 1" "${whole[@]}" "$bin" --no-color -j 1 --disable "$all_rules" "$corpus"
  measure floor_jn "corpus, every rule off, -j $ncpu" "${whole[@]}" "$bin" --no-color --disable "$all_rules" "$corpus"
  log "counting corpus files and errors"
  read -r c_files c_findings c_errors c_error_files <<<"$("$bin" --format json --fail-on none "$corpus" 2>/dev/null | report_counts || true)"
  # The other kinds, and the whole corpus at once: all cores, rules on and off.
  for kind in compose k8s charts; do
    [[ -d ../shared/corpus/$kind ]] || continue
    measure "${kind}_jn" "$kind corpus, -j $ncpu" "${whole[@]}" "$bin" --no-color "../shared/corpus/$kind"
    measure "${kind}_floor_jn" "$kind corpus, every rule off, -j $ncpu" "${whole[@]}" "$bin" --no-color --disable "$all_rules" "../shared/corpus/$kind"
  done
  measure all_j1 "whole corpus (every kind), -j 1" "${whole[@]}" "$bin" --no-color -j 1 ../shared/corpus
  measure all_jn "whole corpus (every kind), -j $ncpu" "${whole[@]}" "$bin" --no-color ../shared/corpus
  measure all_floor_jn "whole corpus, every rule off, -j $ncpu" "${whole[@]}" "$bin" --no-color --disable "$all_rules" ../shared/corpus
  # The result cache: a re-run on the unchanged corpus (one run fills the cache first),
  # right after its floor, reading and hashing every file of the corpus on one goroutine
  # (this machine's speed drifts by 20% within minutes: the two are taken together).
  env -u INFRALINT_NO_CACHE "$bin" --no-color --cache-dir "$work/cache" ../shared/corpus >/dev/null 2>&1 || true
  log "timing: reading and hashing the corpus (BenchmarkReadHashCorpus/all)"
  go test -c -o "$work/cache.test" ./pkg/cache
  (cd pkg/cache && "$work/cache.test" -test.run '^$' -test.bench '^BenchmarkReadHashCorpus/all$' -test.benchtime 5x \
    -test.count "$go_count") >"$work/floor.txt"
  measure all_warm "whole corpus, warm result cache, -j $ncpu" "${warm[@]}" env -u INFRALINT_NO_CACHE "$bin" --no-color --cache-dir "$work/cache" ../shared/corpus
else
  log "no corpus at $corpus: skipping the corpus runs"
fi

# Package initialisation of `--version` (GODEBUG=inittrace=1): the median total over the
# runs, and the three packages with the largest median.
log "package init times"
for ((i = 0; i < fast[1]; i++)); do
  GODEBUG=inittrace=1 "$bin" --version 2>&1 >/dev/null | awk -v r="$i" '/^init / { print r, $2, $5 }'
done >"$work/init.txt"
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
init_total=$(awk '{ t[$1] += $3 } END { for (r in t) print t[r] }' "$work/init.txt" | median)
init_pkgs=$(awk '{ print $2 }' "$work/init.txt" | sort -u | wc -l)
init_top=$(sort -k2,2 -k3,3g "$work/init.txt" | awk '
    { if ($2 != prev && prev != "") flush(); prev = $2; v[++n] = $3 }
    function flush() { print prev, v[int((n + 1) / 2)]; n = 0 }
    END { if (prev != "") flush() }' | sort -k2,2gr | awk 'NR <= 3 { printf "%s`%s` %s ms", (NR > 1 ? ", " : ""), $1, $2 }')

# Peak RSS (median of rss_runs), in MB.
peak_rss() {
  local i
  for ((i = 0; i < rss_runs; i++)); do
    /usr/bin/time -v -o "$work/rss" "$@" >/dev/null 2>&1 || true
    awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/rss"
  done | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1024 }'
}
# Peak of the summed proportional set size (PSS: a page shared by n processes counts
# 1/n in each, as the executable's pages are) of a command and its child processes
# (charts are linted in children: docs/helm.md), sampled every 10 ms from /proc, median
# of rss_runs, in MB. /usr/bin/time reports the largest single process, not the sum.
tree_pss() {
  local i pid peak kb p f line
  for ((i = 0; i < rss_runs; i++)); do
    "$@" >/dev/null 2>&1 &
    pid=$! peak=0
    while kill -0 "$pid" 2>/dev/null; do
      kb=0
      local -a kids=()
      for f in /proc/"$pid"/task/*/children; do
        local -a k=()
        { read -r -a k <"$f"; } 2>/dev/null || true # a thread may end meanwhile
        kids+=("${k[@]}")
      done
      for p in "$pid" "${kids[@]}"; do
        { # so may a process
          while read -r line; do
            if [[ $line == Pss:* ]]; then
              line=${line#Pss:}
              kb=$((kb + ${line%kB}))
              break
            fi
          done </proc/"$p"/smaps_rollup
        } 2>/dev/null || true
      done
      ((kb > peak)) && peak=$kb
      sleep 0.01
    done
    wait "$pid" || true
    echo "$peak"
  done | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1024 }'
}
rss=()
if [[ -r /proc/self/smaps_rollup ]] && $have_corpus; then
  log "measuring the peak memory of the process tree"
  rss+=("chart corpus, -j $ncpu: the process and its children, summed PSS	$(tree_pss "$bin" --no-color ../shared/corpus/charts)")
  rss+=("whole corpus, -j $ncpu: the process and its children, summed PSS	$(tree_pss "$bin" --no-color ../shared/corpus)")
fi
if [[ -x /usr/bin/time ]]; then
  log "measuring peak RSS"
  rss+=("infralint --version	$(peak_rss "$bin" --version)")
  rss+=("lint 1 Dockerfile	$(peak_rss "$bin" --no-color "$work/Dockerfile")")
  if $have_corpus; then
    rss+=("corpus, -j 1	$(peak_rss "$bin" --no-color -j 1 "$corpus")")
    rss+=("corpus, -j $ncpu	$(peak_rss "$bin" --no-color "$corpus")")
    rss+=("whole corpus (every kind), -j $ncpu	$(peak_rss "$bin" --no-color ../shared/corpus)")
  fi
else
  log "no /usr/bin/time (apt package 'time', or --install): no peak RSS"
fi

# --- Go benchmarks -------------------------------------------------------------------------
# gobench_medians FILE: "name unit median" for every metric of every benchmark.
gobench_medians() {
  awk '/^Benchmark/ {
      name = $1; sub(/-[0-9]+$/, "", name)
      for (i = 3; i < NF; i += 2) print name, $(i + 1), $i
    }' "$1" | sort -k1,1 -k2,2 -k3,3g | awk '
      { key = $1 " " $2; if (key != prev && prev != "") flush(); prev = key; v[++n] = $3 }
      function flush() { printf "%s %s\n", prev, (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2); n = 0 }
      END { if (prev != "") flush() }'
}
declare -A gb=()
if $gobench; then
  log "Go benchmarks (-count $go_count; the corpus ones once per count)"
  pkgs=(./pkg/parsers/dockerfile ./pkg/rules)
  # -p 1: one test binary at a time, so the two packages do not compete for the cores.
  go test -p 1 -run '^$' -bench '^Benchmark(Parse|LoadRegistry|LoadFromSource|PrepareDockerfile|CompileDockerfile|CompileNoRules|Evaluate|InputConversion|InputRoundTrip|PolicyParse|PolicyCompile)$' \
    -count "$go_count" "${pkgs[@]}" >"$work/gobench.txt"
  if $have_corpus; then
    go test -p 1 -run '^$' -bench '^BenchmarkCorpus' -benchtime 1x -count "$(( go_count > 3 ? 3 : go_count ))" \
      "${pkgs[@]}" >>"$work/gobench.txt"
  fi
fi
# The floor of the warm run, measured beside it (above).
[[ -f $work/floor.txt ]] && cat "$work/floor.txt" >>"$work/gobench.txt"
[[ -f $work/gobench.txt ]] && while read -r name unit value; do gb["$name $unit"]=$value; done < <(gobench_medians "$work/gobench.txt")

# --- report ----------------------------------------------------------------------------------
# num X: X with about three significant digits ("-" stays "-").
num() { awk -v v="$1" 'BEGIN { if (v == "-" || v == "") print "-"; else if (v >= 100 || v <= -100) printf "%.0f", v; else if (v >= 10 || v <= -10) printf "%.1f", v; else printf "%.2f", v }'; }
ms() { num "$(awk -v ns="${gb["$1 ns/op"]:--}" 'BEGIN { if (ns == "-") print ns; else print ns / 1e6 }')"; }
val() { printf '%s' "${gb["$1 $2"]:--}"; }
cpu() { num "$(val "$1" cpu-ms/op)"; }
ratio() { num "$(awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == "-" || b == "-" || b == 0) print "-"; else print a / b }')"; }
col() { for r in "${rows[@]}"; do IFS=$'\t' read -r id label med min cpu n <<<"$r"; [[ $id == "$1" ]] && { case $2 in med) echo "$med" ;; min) echo "$min" ;; cpu) echo "$cpu" ;; esac; return; }; done; echo -; }
diff_ms() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-") print "-"; else printf "%.1f", a - b }'; }

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -n $(git status --porcelain 2>/dev/null) ]] && commit="$commit + uncommitted changes"
timer=$(have hyperfine && hyperfine --version || echo "bash time loop")

report() {
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`scripts/bench.sh\` on $ncpu cores ($cpu_model, from /proc/cpuinfo), $(go env GOVERSION), commit $commit."
  echo "Rules loaded: $n_rules ($n_docker_rules Dockerfile rules on by default). Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg). Timer: $timer. Binary: $(du -m "$bin" | cut -f1) MB (-trimpath, not stripped)."
  echo
  echo "**Whole process** (median and minimum wall time; mean user+sys CPU):"
  echo
  echo "| command | median ms | min ms | user+sys ms | runs |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  for r in "${rows[@]}"; do
    IFS=$'\t' read -r id label med min cpu n <<<"$r"
    echo "| $label | $med | $min | $cpu | $n |"
  done
  echo
  if $have_corpus; then
    local files_s_j1 files_s_jn
    files_s_j1=$(awk -v f="$c_files" -v t="$(col corpus_j1 med)" 'BEGIN { printf "%.0f", f / t * 1000 }')
    files_s_jn=$(awk -v f="$c_files" -v t="$(col corpus_jn med)" 'BEGIN { printf "%.0f", f / t * 1000 }')
    echo "Corpus: $c_files files linted from \`$corpus\`, $c_findings findings; files with errors: $c_error_files ($c_errors errors reported)."
    echo "Throughput (median): $files_s_j1 files/s with -j 1, $files_s_jn files/s with -j $ncpu (×$(ratio "$(col corpus_j1 med)" "$(col corpus_jn med)"))."
    echo "Rules cost ×$(ratio "$(col corpus_j1 med)" "$(col floor_j1 med)") the rules-off floor at -j 1 (×$(ratio "$(col corpus_j1 cpu)" "$(col floor_j1 cpu)") in CPU)."
    local kind
    for kind in compose k8s charts; do
      [[ $(col "${kind}_jn" med) != - ]] || continue
      echo "${kind^} corpus: rules cost ×$(ratio "$(col "${kind}_jn" med)" "$(col "${kind}_floor_jn" med)") the floor (×$(ratio "$(col "${kind}_jn" cpu)" "$(col "${kind}_floor_jn" cpu)") in CPU)."
    done
    echo "Whole corpus: rules cost ×$(ratio "$(col all_jn med)" "$(col all_floor_jn med)") the floor (×$(ratio "$(col all_jn cpu)" "$(col all_floor_jn cpu)") in CPU); $ncpu workers are ×$(ratio "$(col all_j1 med)" "$(col all_jn med)") faster than one."
    if [[ -n ${gb["BenchmarkReadHashCorpus/all ns/op"]:-} ]]; then
      echo "Result cache: a warm whole-corpus run takes ×$(ratio "$(col all_warm med)" "$(ms BenchmarkReadHashCorpus/all)") the time to read and SHA-256 every file of the corpus in process ($(ms BenchmarkReadHashCorpus/all) ms, \`BenchmarkReadHashCorpus/all\`; ×$(ratio "$(col all_warm cpu)" "$(cpu BenchmarkReadHashCorpus/all)") in CPU), and ×$(ratio "$(col all_jn med)" "$(col all_warm med)") less than linting it."
    fi
    echo
  fi
  if ((${#rss[@]})); then
    echo "**Peak RSS** (\`/usr/bin/time -v\` maximum resident set size of the largest process, median of $rss_runs; the rows that say so sum the proportional set size of the process and its chart children, sampled every 10 ms):"
    echo
    echo "| command | MB |"
    echo "| --- | ---: |"
    for r in "${rss[@]}"; do IFS=$'\t' read -r label mb <<<"$r"; echo "| $label | $mb |"; done
    echo
  fi
  echo "Package initialisation (\`GODEBUG=inittrace=1 infralint --version\`, median of ${fast[1]}): $(num "$init_total") ms over $init_pkgs packages; largest: $init_top."
  echo
  local g=BenchmarkParse
  echo "**Start-up breakdown**: in process from the Go benchmarks below (CPU time), whole process from differences"
  echo "between rows of the table above (minimum wall time, and mean user+sys; a difference of two noisy numbers)."
  echo
  echo "| step | in process, CPU ms | whole process, min wall ms | whole process, user+sys ms |"
  echo "| --- | ---: | ---: | ---: |"
  echo "| process start, OPA linked (\`--version\`) | - | $(col version min) | $(col version cpu) |"
  echo "| registry load: the generated table of $n_rules rules, no Rego parsed (\`rules\` − \`--version\`) | $(cpu BenchmarkLoadRegistry) | $(diff_ms "$(col rules min)" "$(col version min)") | $(diff_ms "$(col rules cpu)" "$(col version cpu)") |"
  echo "| read the Dockerfile plan, $n_docker_rules rules (1 Dockerfile − \`rules\`, includes parse + evaluate) | $(cpu BenchmarkPrepareDockerfile) | $(diff_ms "$(col one min)" "$(col rules min)") | $(diff_ms "$(col one cpu)" "$(col rules cpu)") |"
  echo "| … parse and compile the same policies with topdown instead (\`INFRALINT_TOPDOWN=1\`; every run before the plans) | $(cpu BenchmarkCompileDockerfile) | | |"
  echo "| the rules' share of a one-file run (1 Dockerfile − every rule off) | - | $(diff_ms "$(col one min)" "$(col one_off min)") | $(diff_ms "$(col one cpu)" "$(col one_off cpu)") |"
  echo "| parse one file (34 lines) | $(cpu $g) | | |"
  echo "| evaluate one file (plans; topdown: $(cpu BenchmarkEvaluate/topdown)) | $(cpu BenchmarkEvaluate/plans) | | |"
  echo "| lint 1 Dockerfile | $(awk -v a="$(val BenchmarkLoadRegistry cpu-ms/op)" -v b="$(val BenchmarkPrepareDockerfile cpu-ms/op)" -v c="$(val $g cpu-ms/op)" -v d="$(val BenchmarkEvaluate/plans cpu-ms/op)" 'BEGIN { if (a == "-" || b == "-") print "-"; else printf "%.0f + process start", a + b + c + d }') | $(col one min) | $(col one cpu) |"
  echo
  if $gobench; then
    echo "**In process** (Go benchmarks, median of $go_count; the corpus ones: one pass per count, at most 3):"
    echo
    echo "| benchmark | what | wall ms/op | CPU ms/op | KB/op | allocs/op |"
    echo "| --- | --- | ---: | ---: | ---: | ---: |"
    local b what
    while IFS='|' read -r b what; do
      [[ -z ${gb["$b ns/op"]:-} ]] && continue
      echo "| $b | $what | $(ms "$b") | $(cpu "$b") | $(awk -v v="$(val "$b" B/op)" 'BEGIN { if (v == "-") print v; else printf "%.0f", v / 1024 }') | $(num "$(val "$b" allocs/op)") |"
    done <<EOF
BenchmarkParse|parse the 34-line, 3-stage Dockerfile
BenchmarkLoadRegistry|rules.Load: the generated rule table, no Rego parsed
BenchmarkLoadFromSource|rules.LoadFromSource: parse every embedded policy, read METADATA (the load before the table)
BenchmarkPrepareDockerfile|rules.Load + New + Prepare(dockerfile): read the embedded plan of $(awk -v v="$(val BenchmarkPrepareDockerfile rules)" 'BEGIN { printf "%.0f", v }') rules
BenchmarkCompileDockerfile|the same with topdown: parse and compile the rules, libraries, aggregate
BenchmarkCompileNoRules|the topdown compile with every rule off (libraries, aggregate)
BenchmarkEvaluate/plans|one document, prepared engine, plans (pkg/planeval)
BenchmarkEvaluate/topdown|the same with topdown
BenchmarkInputConversion|the engine's input conversion alone (reflection, encoding/json rules)
BenchmarkInputRoundTrip|ast.InterfaceToValue(doc.Input): the JSON round trip it replaced
BenchmarkPolicyParse/annotations|Rego parse of lib + Dockerfile rules, annotations processed
BenchmarkPolicyParse/no-annotations|the same, annotations not processed
BenchmarkPolicyCompile/all-stages|ast.Compiler on lib + Dockerfile rules, every stage
BenchmarkPolicyCompile/skip-checks|the same, check-only stages skipped
BenchmarkPolicyCompile/no-empty-options|every stage, without the \`options := {}\` modules
BenchmarkPolicyCompile/no-empty-options-skip-checks|both, as the engine compiles the built-in policies
BenchmarkCorpusParse|parse every corpus file, one goroutine
BenchmarkCorpusLint/plans|parse + evaluate every corpus file, one goroutine, plans
BenchmarkCorpusLint/topdown|the same with topdown
EOF
    echo
    local p=BenchmarkParse
    echo "Ratios within this run (CPU time): reading the Dockerfile plan = ×$(ratio "$(val BenchmarkPrepareDockerfile cpu-ms/op)" "$(val $p cpu-ms/op)") the parse of one file," \
      "compiling the same policies with topdown ×$(ratio "$(val BenchmarkCompileDockerfile cpu-ms/op)" "$(val $p cpu-ms/op)");" \
      "evaluating one file with topdown = ×$(ratio "$(val BenchmarkEvaluate/topdown cpu-ms/op)" "$(val BenchmarkEvaluate/plans cpu-ms/op)") the plans;" \
      "registry load = ×$(ratio "$(val BenchmarkLoadRegistry cpu-ms/op)" "$(val $p cpu-ms/op)");" \
      "evaluating one file with the plans = ×$(ratio "$(val BenchmarkEvaluate/plans cpu-ms/op)" "$(val $p cpu-ms/op)") parsing it," \
      "of which input conversion is $(awk -v a="$(val BenchmarkInputConversion cpu-ms/op)" -v b="$(val BenchmarkEvaluate/plans cpu-ms/op)" 'BEGIN { if (a == "-" || b == "-") print "-"; else printf "%.0f %%", a / b * 100 }')" \
      "(×$(ratio "$(val BenchmarkInputConversion cpu-ms/op)" "$(val BenchmarkInputRoundTrip cpu-ms/op)") of the JSON round trip);" \
      "registry load from the generated table: ×$(ratio "$(val BenchmarkLoadRegistry cpu-ms/op)" "$(val BenchmarkLoadFromSource cpu-ms/op)") of parsing every policy;" \
      "skipping the check-only compiler stages: ×$(ratio "$(val BenchmarkPolicyCompile/skip-checks cpu-ms/op)" "$(val BenchmarkPolicyCompile/all-stages cpu-ms/op)") of the full compile;" \
      "leaving out the empty options modules: ×$(ratio "$(val BenchmarkPolicyCompile/no-empty-options cpu-ms/op)" "$(val BenchmarkPolicyCompile/all-stages cpu-ms/op)");" \
      "the engine's compile (no empty options modules, check-only stages skipped): ×$(ratio "$(val BenchmarkPolicyCompile/no-empty-options-skip-checks cpu-ms/op)" "$(val BenchmarkPolicyCompile/no-empty-options cpu-ms/op)") of the same with every stage;" \
      "parsing without annotations: ×$(ratio "$(val BenchmarkPolicyParse/no-annotations cpu-ms/op)" "$(val BenchmarkPolicyParse/annotations cpu-ms/op)")."
    if [[ -n ${gb["BenchmarkCorpusLint/plans files/s"]:-} ]]; then
      echo "Corpus in process, one goroutine: $(num "$(val BenchmarkCorpusParse files/s)") files/s parse only, $(num "$(val BenchmarkCorpusLint/plans files/s)") files/s parse + evaluate with the plans, $(num "$(val BenchmarkCorpusLint/topdown files/s)") with topdown."
    fi
  fi
}

report >"$work/report.md"
cat "$work/report.md"

if $write; then
  doc=docs/performance.md
  begin='<!-- bench:begin'
  end='<!-- bench:end -->'
  if ! grep -q "^$begin" "$doc" || ! grep -q "^$end" "$doc"; then
    log "bench.sh: $doc has no '$begin ... -->' / '$end' markers"; exit 1
  fi
  awk -v begin="$begin" -v end="$end" -v report="$work/report.md" '
    index($0, begin) == 1 { print; print ""; while ((getline line < report) > 0) print line; print ""; skip = 1; next }
    index($0, end) == 1 { skip = 0 }
    !skip' "$doc" >"$work/doc.md"
  cp "$work/doc.md" "$doc"
  log "rewrote the measured section of $doc"
fi
