#!/usr/bin/env bash
# mailstack/stop.sh: stop the Dovecot and Postfix masters started by start.sh.
#
#   scripts/mailstack/stop.sh STATE_DIR [--purge]
#
# Signals only the two masters named in STATE_DIR's pid files, after checking
# through /proc that they belong to this state dir (Dovecot: command line names
# STATE/etc/dovecot/dovecot.conf; Postfix master: MAIL_CONFIG=STATE/etc/postfix).
# Sends TERM to both, waits for the masters and their process groups to go, and
# only after 10 s sends KILL (to the master's own process group if it leads
# one, else to the master). Never uses pkill/killall.
# --purge then deletes STATE_DIR (only if start.sh created it).
# Exit status: 0 when nothing of this stack is left running, 1 otherwise.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
MAILSTACK_PROG=mailstack-stop
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$SCRIPT_DIR/lib.sh"

usage() {
  sed -n '2,13s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  exit "${1:-0}"
}

PURGE=0
STATE=
while [ $# -gt 0 ]; do
  case $1 in
    --purge) PURGE=1 ;;
    -h | --help) usage 0 ;;
    -*) log "unknown option: $1"; usage 2 >&2 ;;
    *)
      [ -z "$STATE" ] || die "only one STATE_DIR may be given"
      STATE=$1
      ;;
  esac
  shift
done
[ -n "$STATE" ] || usage 2 >&2

if [ ! -d "$STATE" ]; then
  log "$STATE does not exist: nothing to stop"
  exit 0
fi
STATE=$(abs_dir "$STATE")
[ "$(id -u)" -eq 0 ] || die "must run as root (the masters run as root)"
DOVECOT_CONF=$STATE/etc/dovecot/dovecot.conf
POSTFIX_DIR=$STATE/etc/postfix
T0=$(now_ms)

# Our copy of the pid (run/*.pid) first, then the daemon's own pid file (a
# start that failed half-way may not have written ours).
targets=() # "name pid"
dovecot_pid=$(read_pid "$STATE/run/dovecot.pid" || read_pid "$STATE/run/dovecot/master.pid" || true)
postfix_pid=$(read_pid "$STATE/run/postfix.pid" || read_pid "$STATE/spool/postfix/pid/master.pid" || true)
if [ -n "$dovecot_pid" ]; then
  if is_our_dovecot "$dovecot_pid" "$DOVECOT_CONF"; then
    targets+=("dovecot $dovecot_pid")
  else
    log "dovecot pid $dovecot_pid is not running (or is not this stack's dovecot): not signalled"
  fi
fi
if [ -n "$postfix_pid" ]; then
  if is_our_postfix "$postfix_pid" "$POSTFIX_DIR"; then
    targets+=("postfix $postfix_pid")
  else
    log "postfix pid $postfix_pid is not running (or is not this stack's postfix master): not signalled"
  fi
fi

# Process group of each master, noted before it exits: both masters detach
# with setsid(), so their workers share the master's pgid.
declare -A pgid_of=()
for t in "${targets[@]}"; do
  read -r name pid <<<"$t"
  read -r line <"/proc/$pid/stat" || continue
  read -r -a f <<<"${line##*) }"
  pgid_of[$pid]=${f[2]}
  log "TERM $name master (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
done

# Gone = master gone and, if it led its process group, no worker left in it.
gone() {
  local pid=$1
  pid_alive "$pid" && return 1
  if [ "${pgid_of[$pid]:-}" = "$pid" ] && pgroup_alive "$pid"; then return 1; fi
  return 0
}

deadline=$((T0 + 10000))
rc=0
for t in "${targets[@]}"; do
  read -r name pid <<<"$t"
  while ! gone "$pid" && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.05; done
  if ! gone "$pid"; then
    if [ "${pgid_of[$pid]:-}" = "$pid" ]; then
      log "$name (pid $pid) still there after 10 s: KILL its process group $pid"
      kill -KILL -- "-$pid" 2>/dev/null || true
    elif pid_alive "$pid"; then
      log "$name (pid $pid) still there after 10 s: KILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    k=$(($(now_ms) + 3000))
    while ! gone "$pid" && [ "$(now_ms)" -lt "$k" ]; do sleep 0.05; done
    gone "$pid" || { log "$name (pid $pid) survived KILL"; rc=1; }
  fi
done
[ "$rc" = 0 ] && rm -f "$STATE/run/dovecot.pid" "$STATE/run/postfix.pid"

if [ ${#targets[@]} -eq 0 ]; then
  log "no running stack in $STATE"
else
  log "stopped in $(fmt_s $(($(now_ms) - T0))) s"
  # The exited masters were re-parented to pid 1, which may reap them lazily
  # (here ~1.5 s): wait a little for the zombies to vanish, so a "ps" right
  # after stop.sh shows nothing. Zombies hold no ports, files or memory.
  reap_deadline=$(($(now_ms) + 3000))
  for t in "${targets[@]}"; do
    read -r name pid <<<"$t"
    while [ -d "/proc/$pid" ] && [ "$(now_ms)" -lt "$reap_deadline" ]; do sleep 0.05; done
    [ ! -d "/proc/$pid" ] || log "note: $name master $pid exited but is not reaped yet by its parent (a zombie)"
  done
fi

if [ "$PURGE" = 1 ]; then
  [ "$rc" = 0 ] || die "not purging $STATE: something is still running"
  if [ ! -e "$STATE/.mailstack" ]; then
    die "not purging $STATE: no .mailstack marker (not a start.sh state directory)"
  fi
  rm -rf -- "$STATE"
  log "purged $STATE"
fi
exit "$rc"
