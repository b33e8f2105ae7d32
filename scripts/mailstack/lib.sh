# shellcheck shell=bash
# mailstack/lib.sh: helpers shared by start.sh and stop.sh (sourced, not run).

MAILSTACK_PROG=${MAILSTACK_PROG:-mailstack}

log() { printf '%s: %s\n' "$MAILSTACK_PROG" "$*" >&2; }
die() { printf '%s: error: %s\n' "$MAILSTACK_PROG" "$*" >&2; exit 1; }

# Monotonic-enough wall clock in milliseconds.
now_ms() { local t; t=$(date +%s%N); echo $((t / 1000000)); }
# Format a millisecond duration as seconds with one decimal: 1234 -> 1.2
fmt_s() { printf '%d.%d' $(($1 / 1000)) $((($1 % 1000) / 100)); }

# Absolute, symlink-free path of an existing directory.
abs_dir() { (cd "$1" && pwd -P); }

# Read the first number from a pid file (Postfix pads its pid with spaces).
read_pid() {
  local f=$1 pid=''
  [ -r "$f" ] || return 1
  read -r pid <"$f" || [ -n "$pid" ] || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  echo "$pid"
}

# Is PID the Dovecot master started with this state's config?
# Checked through /proc: comm is "dovecot" and the command line names CONF.
is_our_dovecot() {
  local pid=$1 conf=$2 comm='' cmd=''
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  read -r comm 2>/dev/null <"/proc/$pid/comm" || return 1
  [ "$comm" = dovecot ] || return 1
  cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ " $cmd " == *" $conf "* ]]
}

# Is PID the Postfix master of this state's config directory?
# Checked through /proc: comm is "master" and its environment has MAIL_CONFIG=DIR
# (postfix(1) exports it to master(8)).
is_our_postfix() {
  local pid=$1 dir=$2 comm=''
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  read -r comm 2>/dev/null <"/proc/$pid/comm" || return 1
  [ "$comm" = master ] || return 1
  # (no "grep -q": under pipefail an early exit would SIGPIPE tr and fail)
  tr '\0' '\n' 2>/dev/null <"/proc/$pid/environ" | grep -Fx "MAIL_CONFIG=$dir" >/dev/null
}

# Print the decimal ports of all TCP sockets in LISTEN state (IPv4 and IPv6),
# read from /proc/net/tcp{,6}: no connection is made, so nothing is logged.
listening_ports() {
  local f _sl addr _rem st _rest
  for f in /proc/net/tcp /proc/net/tcp6; do
    [ -r "$f" ] || continue
    while read -r _sl addr _rem st _rest; do
      [ "$st" = 0A ] || continue
      echo $((16#${addr##*:}))
    done < <(tail -n +2 "$f")
  done
}

# True when every given port has a LISTEN socket.
all_listening() {
  local have p
  have=" $(listening_ports | sort -un | tr '\n' ' ') "
  for p in "$@"; do
    [[ $have == *" $p "* ]] || return 1
  done
}

# Is any process (other than zombies) still in process group PGID?
pgroup_alive() {
  local pgid=$1 st line rest f
  for st in /proc/[0-9]*/stat; do
    read -r line 2>/dev/null <"$st" || continue
    rest=${line##*) }
    # rest: state ppid pgrp ...
    read -r -a f <<<"$rest"
    [ "${f[2]}" = "$pgid" ] && [ "${f[0]}" != Z ] && return 0
  done
  return 1
}

pid_alive() { [ -d "/proc/$1" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
