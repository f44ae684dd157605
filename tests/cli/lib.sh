# Shared by the CLI test scripts (sourced): a scratch directory removed on exit, and
# start_emulator, which starts paircheck-emulator in the background and waits for its port.
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT

# start_emulator NAME ARGS...: runs "$emulator" --fixtures "$fixtures" --port 0 ARGS..., its output in
# $work/NAME.out; sets port and pid, or exits 1 when no port is announced within 5 s.
start_emulator() {
  local name=$1; shift
  "$emulator" --fixtures "$fixtures" --port 0 "$@" > "$work/$name.out" 2>&1 &
  pid=$!
  port=
  for _ in $(seq 100); do
    port=$(sed -n 's/.*listening on [0-9.]*:\([0-9]*\).*/\1/p' "$work/$name.out")
    [ -n "$port" ] && return 0
    sleep 0.05
  done
  echo "emulator did not start: $(cat "$work/$name.out")"
  exit 1
}

# expect NAME EXIT ARGS...: runs "$paircheck" run --quiet --seed "$seed" (3 unless the script sets
# seed) --report-dir $work/NAME ARGS..., its output in $out, and calls fail (the script's) unless
# it exits EXIT.
expect() {
  local name=$1 want=$2; shift 2
  out=$("$paircheck" run --quiet --seed "${seed:-3}" --report-dir "$work/$name" "$@" 2>&1)
  rc=$?
  echo "$name: exit $rc; $(echo "$out" | head -1)"
  [ "$rc" = "$want" ] || { fail "$name: exit $rc, expected $want"; echo "$out" | head -20; }
}

# exits_within SECONDS PID: waits up to SECONDS for PID to exit; if it is still running, calls fail
# (the script's) and kills it. Then reaps it and sets rc to its exit status.
exits_within() {
  local seconds=$1 pid=$2
  for _ in $(seq $((seconds * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    fail "still running $seconds s after SIGINT"
    kill -9 "$pid"
  fi
  wait "$pid"
  rc=$?
}
