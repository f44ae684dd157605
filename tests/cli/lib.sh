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
