#!/usr/bin/env bash
# mailstack/start.sh: start a private Dovecot (IMAP + LMTP + SASL) and Postfix
# (SMTP) on 127.0.0.1 for mailcase's integration tests. No systemd involved;
# all config, TLS files, mail, queue, logs and pid files live in STATE_DIR.
#
#   scripts/mailstack/start.sh [--foreground] [STATE_DIR]    (default /tmp/mailstack/state)
#
# Environment: MAILSTACK_{IMAP,IMAPS,SMTP,SUBMISSION,SMTPS}_PORT (3143 3993 3025 3587 3465),
# MAILSTACK_USERS ("user:password ..." local parts on example.test; catchall is always added),
# MAILSTACK_MAIL_LOCATION ('maildir:~/Maildir'), MAILSTACK_MAIL_FSYNC (never),
# MAILSTACK_MAIL_USER (mail), MAILSTACK_NO_INSTALL=1 (fail instead of installing packages).
# See README.md in this directory and /work/shared/MAILSERVERS.md.
# Functions run from traps or through wait_until look unreachable to shellcheck.
# shellcheck disable=SC2317
set -euo pipefail
shopt -u patsub_replacement 2>/dev/null || true

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
MAILSTACK_PROG=mailstack-start
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$SCRIPT_DIR/lib.sh"

usage() {
  sed -n '2,12s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  exit "${1:-0}"
}

FOREGROUND=0
STATE=
while [ $# -gt 0 ]; do
  case $1 in
    --foreground | -f) FOREGROUND=1 ;;
    -h | --help) usage 0 ;;
    -*) log "unknown option: $1"; usage 2 >&2 ;;
    *)
      [ -z "$STATE" ] || die "only one STATE_DIR may be given"
      STATE=$1
      ;;
  esac
  shift
done
STATE=${STATE:-/tmp/mailstack/state}

[ "$(id -u)" -eq 0 ] || die "must run as root (Postfix master and Dovecot privilege separation need it)"

T_BEGIN=$(now_ms)

# ---------------------------------------------------------------- settings
HOST=127.0.0.1
DOMAIN=example.test
IMAP_PORT=${MAILSTACK_IMAP_PORT:-3143}
IMAPS_PORT=${MAILSTACK_IMAPS_PORT:-3993}
SMTP_PORT=${MAILSTACK_SMTP_PORT:-3025}
SUBMISSION_PORT=${MAILSTACK_SUBMISSION_PORT:-3587}
SMTPS_PORT=${MAILSTACK_SMTPS_PORT:-3465}
# Pitfall 4: keep the default quoted, or bash expands "~" after ":" to /root.
# shellcheck disable=SC2088
DEFAULT_MAIL_LOCATION='maildir:~/Maildir'
MAIL_LOCATION=${MAILSTACK_MAIL_LOCATION:-$DEFAULT_MAIL_LOCATION}
MAIL_FSYNC=${MAILSTACK_MAIL_FSYNC:-never}
MAIL_USER=${MAILSTACK_MAIL_USER:-mail}
USERS_SPEC=${MAILSTACK_USERS:-support:support-secret alice:alice-secret bob:bob-secret catchall:catchall-secret}
PACKAGES=(dovecot-imapd dovecot-lmtpd postfix)

PORTS=("$IMAP_PORT" "$IMAPS_PORT" "$SMTP_PORT" "$SUBMISSION_PORT" "$SMTPS_PORT")
for p in "${PORTS[@]}"; do
  if ! [[ $p =~ ^[0-9]+$ ]] || [ "$p" -lt 1 ] || [ "$p" -gt 65535 ]; then die "bad port number: '$p'"; fi
done
[ "$(printf '%s\n' "${PORTS[@]}" | sort -u | wc -l)" -eq 5 ] || die "the five ports must differ: ${PORTS[*]}"
case $MAIL_FSYNC in optimized | always | never) ;; *) die "MAILSTACK_MAIL_FSYNC must be optimized, always or never" ;; esac

# Users: "local:password" words; local parts [a-z0-9._-], passwords without ":" or blanks.
USER_NAMES=()
USER_PASSWORDS=()
for spec in $USERS_SPEC; do
  u=${spec%%:*}
  pw=${spec#*:}
  [[ $spec == *:* && $u =~ ^[a-z0-9][a-z0-9._-]*$ && -n $pw && $pw != *:* ]] ||
    die "bad MAILSTACK_USERS entry '$spec' (want local:password)"
  for seen in "${USER_NAMES[@]}"; do [ "$seen" != "$u" ] || die "duplicate user '$u' in MAILSTACK_USERS"; done
  USER_NAMES+=("$u")
  USER_PASSWORDS+=("$pw")
done
# Everything outside @DOMAIN is rewritten to catchall@DOMAIN, so it must exist.
if [[ " ${USER_NAMES[*]} " != *" catchall "* ]]; then
  USER_NAMES+=(catchall)
  USER_PASSWORDS+=(catchall-secret)
fi

mkdir -p "$STATE"
STATE=$(abs_dir "$STATE")
[ "$STATE" != / ] || die "refusing to use / as the state directory"
DOVECOT_CONF=$STATE/etc/dovecot/dovecot.conf
POSTFIX_DIR=$STATE/etc/postfix
ENV_FILE=$STATE/mailstack.env
mkdir -p "$STATE/log" "$STATE/run"
# Marker: stop.sh --purge only deletes directories that carry it.
[ -e "$STATE/.mailstack" ] || echo "mailstack state directory (scripts/mailstack)" >"$STATE/.mailstack"

# One start.sh at a time per state directory. The lock fd is closed in every
# daemon we spawn (spawn_detached), so the lock dies with this script.
exec {LOCK_FD}>"$STATE/run/start.lock"
flock -w 300 "$LOCK_FD" || die "another start.sh holds $STATE/run/start.lock"

# ---------------------------------------------------------------- cleanup
POLICY_RC_CREATED=0
STARTED_DOVECOT=0
STARTED_POSTFIX=0
START_OK=0
cleanup() {
  local rc=$?
  if [ "$POLICY_RC_CREATED" = 1 ]; then
    rm -f /usr/sbin/policy-rc.d
    POLICY_RC_CREATED=0
  fi
  # A start that failed half-way must not leave a master behind.
  if [ "$START_OK" = 0 ] && { [ "$STARTED_DOVECOT" = 1 ] || [ "$STARTED_POSTFIX" = 1 ]; }; then
    log "start failed: stopping what was started"
    "$SCRIPT_DIR/stop.sh" "$STATE" >&2 || true
  fi
  return "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Run a daemon's launcher fully detached from our stdio (pitfall 3: Dovecot's
# master keeps the stderr it was started with, so a caller reading our output
# through a pipe would never see EOF) and from any other inherited fd.
spawn_detached() {
  local logfile=$1
  shift
  (
    for fd in /proc/"$BASHPID"/fd/*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ] && [ "$fd" != 255 ] && [ -e "/proc/$BASHPID/fd/$fd" ]; then
        exec {fd}>&-
      fi
    done
    exec "$@"
  ) </dev/null >>"$logfile" 2>&1
}

# ---------------------------------------------------------------- 1. packages
pkg_installed() { [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == *" installed" ]]; }

apt_update() {
  log "apt-get update"
  local t0
  t0=$(now_ms)
  apt-get -q -o DPkg::Lock::Timeout=300 update >>"$STATE/log/apt.log" 2>&1 ||
    { tail -n 20 "$STATE/log/apt.log" >&2; die "apt-get update failed (log: $STATE/log/apt.log)"; }
  log "apt-get update took $(fmt_s $(($(now_ms) - t0))) s"
}

ensure_packages() {
  local missing=() p
  for p in "${PACKAGES[@]}"; do pkg_installed "$p" || missing+=("$p"); done
  if [ ${#missing[@]} -eq 0 ] && command -v dovecot >/dev/null && command -v postfix >/dev/null; then
    return 0
  fi
  [ ${#missing[@]} -gt 0 ] || missing=("${PACKAGES[@]}")
  [ "${MAILSTACK_NO_INSTALL:-0}" != 1 ] || die "packages missing: ${missing[*]} (MAILSTACK_NO_INSTALL=1)"
  local t0 updated=0
  t0=$(now_ms)
  log "installing ${missing[*]} (log: $STATE/log/apt.log)"

  # Pitfall 11: the postinst scripts would start system daemons on :25/:143/:993.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# temporary, created by mailstack start.sh: start no services\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 0755 /usr/sbin/policy-rc.d
    POLICY_RC_CREATED=1
  fi
  # Pitfall 10: keep postfix's postinst from writing /etc/postfix/main.cf.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections

  # Update first if the lists are empty or do not know a package.
  # (Output captured first: "| grep -q" under pipefail fails with SIGPIPE.)
  local policy
  for p in "${missing[@]}"; do
    policy=$(apt-cache policy "$p" 2>/dev/null || true)
    if ! grep -q 'Candidate: [^(]' <<<"$policy"; then
      apt_update
      updated=1
      break
    fi
  done
  local install=(env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=300
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold
    install --no-install-recommends --no-remove "${missing[@]}")
  if ! "${install[@]}" >>"$STATE/log/apt.log" 2>&1; then
    # Stale lists (a superseded version is gone from the mirror): update, retry once.
    [ "$updated" = 0 ] || { tail -n 20 "$STATE/log/apt.log" >&2; die "apt-get install failed (log: $STATE/log/apt.log)"; }
    apt_update
    "${install[@]}" >>"$STATE/log/apt.log" 2>&1 ||
      { tail -n 20 "$STATE/log/apt.log" >&2; die "apt-get install failed (log: $STATE/log/apt.log)"; }
  fi
  if [ "$POLICY_RC_CREATED" = 1 ]; then
    rm -f /usr/sbin/policy-rc.d
    POLICY_RC_CREATED=0
  fi
  for p in "${PACKAGES[@]}"; do pkg_installed "$p" || die "package $p still not installed"; done
  log "installed ${missing[*]} in $(fmt_s $(($(now_ms) - t0))) s"
}

ensure_packages
for u in dovecot dovenull postfix; do
  id "$u" >/dev/null 2>&1 || die "user $u should exist after installing the packages"
done
MAIL_UID=$(id -u "$MAIL_USER") || die "no user $MAIL_USER (MAILSTACK_MAIL_USER)"
MAIL_GID=$(id -g "$MAIL_USER")
[ "$MAIL_UID" -ne 0 ] || die "MAILSTACK_MAIL_USER must not be root (Dovecot refuses uid 0)"

# ---------------------------------------------------------------- 2. running? ports free?
DOVECOT_PID=$(read_pid "$STATE/run/dovecot.pid" || read_pid "$STATE/run/dovecot/master.pid" || true)
POSTFIX_PID=$(read_pid "$STATE/run/postfix.pid" || read_pid "$STATE/spool/postfix/pid/master.pid" || true)
dovecot_up=0
postfix_up=0
[ -n "$DOVECOT_PID" ] && is_our_dovecot "$DOVECOT_PID" "$DOVECOT_CONF" && dovecot_up=1
[ -n "$POSTFIX_PID" ] && is_our_postfix "$POSTFIX_PID" "$POSTFIX_DIR" && postfix_up=1

print_summary() {
  # Reads the env file so "already running" reports what is really running.
  (
    # shellcheck source=/dev/null
    . "$ENV_FILE"
    echo "mailstack: $1"
    echo "  state dir   $MAILSTACK_DIR"
    echo "  IMAP        $MAILSTACK_HOST:$MAILSTACK_IMAP_PORT        (STARTTLS; plaintext LOGIN allowed from loopback)"
    echo "  IMAPS       $MAILSTACK_HOST:$MAILSTACK_IMAPS_PORT        (implicit TLS)"
    echo "  SMTP        $MAILSTACK_HOST:$MAILSTACK_SMTP_PORT        (no AUTH needed from 127/8; STARTTLS + AUTH offered)"
    echo "  submission  $MAILSTACK_HOST:$MAILSTACK_SUBMISSION_PORT        (STARTTLS + AUTH required, sender = login)"
    echo "  SMTPS       $MAILSTACK_HOST:$MAILSTACK_SMTPS_PORT        (implicit TLS + AUTH required, sender = login)"
    echo "  CA file     $MAILSTACK_CA_FILE   (server cert names: localhost, mail.example.test, 127.0.0.1)"
    echo "  users       $(grep -o '^MAILSTACK_[A-Z0-9_]*_USER=.*' "$ENV_FILE" | sed 's/^[^=]*=//' | tr '\n' ' ')(password: see env file)"
    echo "  env file    $ENV_FILE"
    echo "  logs        $MAILSTACK_DIR/log/{dovecot,postfix}.log"
    echo "  stop with   $SCRIPT_DIR/stop.sh $MAILSTACK_DIR [--purge]"
  )
}

if [ "$dovecot_up" = 1 ] && [ "$postfix_up" = 1 ]; then
  if [ -r "$ENV_FILE" ]; then
    print_summary "already running (dovecot pid $DOVECOT_PID, postfix master pid $POSTFIX_PID)"
  else
    echo "mailstack: already running in $STATE (dovecot pid $DOVECOT_PID, postfix master pid $POSTFIX_PID)"
  fi
  [ "$FOREGROUND" = 0 ] || log "--foreground ignored: the stack was started by another start.sh"
  exit 0
fi
if [ "$dovecot_up" = 1 ] || [ "$postfix_up" = 1 ]; then
  log "only half of the stack in $STATE is running: stopping it before a fresh start"
  "$SCRIPT_DIR/stop.sh" "$STATE" >&2 || die "could not stop the half-running stack in $STATE"
fi

taken=()
listening=" $(listening_ports | sort -un | tr '\n' ' ') "
for p in "${PORTS[@]}"; do
  [[ $listening != *" $p "* ]] || taken+=("$p")
done
if [ ${#taken[@]} -gt 0 ]; then
  log "port(s) already in use: ${taken[*]}"
  ss -ltnp 2>/dev/null | grep -E ":($(IFS='|'; echo "${taken[*]}"))\b" >&2 || true
  die "refusing to start; pick other ports with MAILSTACK_*_PORT or stop the other stack"
fi

# ---------------------------------------------------------------- 3. layout + TLS
umask 022
mkdir -p "$STATE"/etc/dovecot "$POSTFIX_DIR" "$STATE"/tls "$STATE"/mail "$STATE"/spool/postfix \
  "$STATE"/lib/dovecot "$STATE"/lib/postfix "$STATE"/run "$STATE"/log
# Pitfall 12: dovenull, dovecot, postfix and the mail user must traverse all of it.
chmod 0755 "$STATE" "$STATE"/etc "$STATE"/etc/dovecot "$POSTFIX_DIR" "$STATE"/tls "$STATE"/spool \
  "$STATE"/spool/postfix "$STATE"/lib "$STATE"/lib/dovecot "$STATE"/run "$STATE"/log
chown root:root "$STATE"/spool/postfix
chown postfix:postfix "$STATE"/lib/postfix
chmod 0700 "$STATE"/lib/postfix
chown "$MAIL_UID:$MAIL_GID" "$STATE"/mail
chmod 0770 "$STATE"/mail
d=$(dirname "$STATE")
while [ "$d" != / ]; do
  perms=$(stat -c %A "$d")
  [ "${perms:9:1}" = x ] || [ "${perms:9:1}" = t ] ||
    log "warning: $d is not world-searchable (o+x): Dovecot logins and LMTP delivery will fail"
  d=$(dirname "$d")
done

# Pitfall 7: a stale anvil-auth-penalty socket (and master.pid) from an earlier
# run breaks auth; base_dir holds nothing that must survive a stop.
rm -rf "$STATE/run/dovecot"
rm -f "$STATE/run/dovecot.pid" "$STATE/run/postfix.pid"

make_tls() {
  local t=$STATE/tls
  if [ -s "$t/ca.pem" ] && [ -s "$t/server.pem" ] && [ -s "$t/server.key" ] && [ -s "$t/fullchain.pem" ] &&
    openssl verify -CAfile "$t/ca.pem" -purpose sslserver "$t/server.pem" >/dev/null 2>&1 &&
    openssl x509 -in "$t/server.pem" -noout -checkend 86400 >/dev/null 2>&1; then
    return 0 # made once per state dir, kept across restarts
  fi
  log "creating private CA and server certificate in $t"
  (
    cd "$t"
    umask 077
    rm -f ca.key ca.pem ca.srl server.key server.csr server.ext server.pem fullchain.pem
    # Pitfall 5: rustls refuses a self-signed CA:TRUE certificate as a leaf, so
    # a private CA signs a CA:FALSE serverAuth certificate with the SANs.
    openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
      -keyout ca.key -out ca.pem -days 3650 -subj "/CN=mailstack test CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
      -keyout server.key -out server.csr -subj "/CN=localhost"
    printf '%s\n' "subjectAltName=DNS:localhost,DNS:mail.$DOMAIN,IP:$HOST" \
      "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
      "extendedKeyUsage=serverAuth" "subjectKeyIdentifier=hash" "authorityKeyIdentifier=keyid" >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 825 -sha256 \
      -extfile server.ext -out server.pem
    cat server.pem ca.pem >fullchain.pem
    rm -f server.csr
    chmod 0644 ca.pem server.pem fullchain.pem
    chmod 0600 ca.key server.key
  ) >>"$STATE/log/tls.log" 2>&1 || { tail -n 20 "$STATE/log/tls.log" >&2; die "certificate creation failed"; }
}
make_tls

# ---------------------------------------------------------------- 4. render configs
render() { # template output
  local s
  s=$(<"$SCRIPT_DIR/templates/$1")
  s=${s//@STATE@/"$STATE"}
  s=${s//@HOST@/"$HOST"}
  s=${s//@DOMAIN@/"$DOMAIN"}
  s=${s//@IMAP_PORT@/"$IMAP_PORT"}
  s=${s//@IMAPS_PORT@/"$IMAPS_PORT"}
  s=${s//@SMTP_PORT@/"$SMTP_PORT"}
  s=${s//@SUBMISSION_PORT@/"$SUBMISSION_PORT"}
  s=${s//@SMTPS_PORT@/"$SMTPS_PORT"}
  s=${s//@MAIL_UID@/"$MAIL_UID"}
  s=${s//@MAIL_GID@/"$MAIL_GID"}
  s=${s//@MAIL_FSYNC@/"$MAIL_FSYNC"}
  s=${s//@MAIL_LOCATION@/"$MAIL_LOCATION"}
  if [[ $s =~ @[A-Z_]+@ ]]; then die "templates/$1: unknown placeholder ${BASH_REMATCH[0]}"; fi
  printf '%s\n' "$s" >"$2.tmp"
  chmod 0644 "$2.tmp"
  mv -f "$2.tmp" "$2"
}
render dovecot.conf "$DOVECOT_CONF"
render main.cf "$POSTFIX_DIR/main.cf"
render master.cf "$POSTFIX_DIR/master.cf"

: >"$STATE/etc/dovecot/users.tmp"
chown root:dovecot "$STATE/etc/dovecot/users.tmp"
chmod 0640 "$STATE/etc/dovecot/users.tmp"
{
  for i in "${!USER_NAMES[@]}"; do
    printf '%s@%s:{PLAIN}%s::::::\n' "${USER_NAMES[$i]}" "$DOMAIN" "${USER_PASSWORDS[$i]}"
  done
} >"$STATE/etc/dovecot/users.tmp"
mv -f "$STATE/etc/dovecot/users.tmp" "$STATE/etc/dovecot/users"
{
  for u in "${USER_NAMES[@]}"; do printf '%s@%s OK\n' "$u" "$DOMAIN"; done
} >"$POSTFIX_DIR/vmailbox"
{
  for u in "${USER_NAMES[@]}"; do printf '%s@%s %s@%s\n' "$u" "$DOMAIN" "$u" "$DOMAIN"; done
} >"$POSTFIX_DIR/senders"
{
  printf 'if !/@%s$/\n' "${DOMAIN//./\\.}"
  printf '/^(.*)$/ catchall@%s\n' "$DOMAIN"
  printf 'endif\n'
} >"$POSTFIX_DIR/catchall.regexp"
chmod 0644 "$POSTFIX_DIR/vmailbox" "$POSTFIX_DIR/senders" "$POSTFIX_DIR/catchall.regexp"

# ---------------------------------------------------------------- 5. dovecot
wait_until() { # seconds description command...
  local deadline=$(($(now_ms) + $1 * 1000))
  shift 2
  until "$@"; do
    [ "$(now_ms)" -lt "$deadline" ] || return 1
    sleep 0.05
  done
}
dovecot_ready() {
  [ -S "$STATE/run/dovecot/lmtp" ] && [ -S "$STATE/run/dovecot/auth-postfix" ] &&
    [ -s "$STATE/run/dovecot/master.pid" ] && all_listening "$IMAP_PORT" "$IMAPS_PORT"
}
postfix_ready() {
  [ -s "$STATE/spool/postfix/pid/master.pid" ] && all_listening "${PORTS[@]}"
}

T_DAEMONS=$(now_ms)
STARTED_DOVECOT=1
if ! spawn_detached "$STATE/log/dovecot.stderr.log" dovecot -c "$DOVECOT_CONF"; then
  tail -n 20 "$STATE/log/dovecot.stderr.log" "$STATE/log/dovecot.log" 2>/dev/null >&2 || true
  die "dovecot did not start (see $STATE/log/dovecot.stderr.log and dovecot.log)"
fi
if ! wait_until 15 "dovecot sockets" dovecot_ready; then
  tail -n 20 "$STATE/log/dovecot.stderr.log" "$STATE/log/dovecot.log" 2>/dev/null >&2 || true
  die "dovecot started but its sockets/ports did not appear within 15 s"
fi
DOVECOT_PID=$(read_pid "$STATE/run/dovecot/master.pid") || die "no dovecot master.pid"
is_our_dovecot "$DOVECOT_PID" "$DOVECOT_CONF" || die "dovecot master.pid ($DOVECOT_PID) is not our dovecot"
echo "$DOVECOT_PID" >"$STATE/run/dovecot.pid"
T_DOVECOT=$(now_ms)

# ---------------------------------------------------------------- 6. postfix
STARTED_POSTFIX=1
if ! spawn_detached "$STATE/log/postfix.stderr.log" postfix -c "$POSTFIX_DIR" start; then
  # Pitfall 1: without syslog Postfix's fatal errors vanish; a pty shows them.
  log "postfix start failed; 'postfix check' under a pty says:"
  script -qec "postfix -c '$POSTFIX_DIR' check" /dev/null </dev/null >&2 || true
  tail -n 20 "$STATE/log/postfix.stderr.log" "$STATE/log/postfix.log" 2>/dev/null >&2 || true
  die "postfix did not start"
fi
if ! wait_until 20 "postfix ports" postfix_ready; then
  tail -n 20 "$STATE/log/postfix.log" 2>/dev/null >&2 || true
  die "postfix started but ports ${PORTS[*]} were not all listening within 20 s"
fi
POSTFIX_PID=$(read_pid "$STATE/spool/postfix/pid/master.pid") || die "no postfix master.pid"
is_our_postfix "$POSTFIX_PID" "$POSTFIX_DIR" || die "postfix master.pid ($POSTFIX_PID) is not our postfix master"
echo "$POSTFIX_PID" >"$STATE/run/postfix.pid"
T_POSTFIX=$(now_ms)

# ---------------------------------------------------------------- 7. env file + summary
{
  echo "# mailstack: source this file (generated by start.sh)"
  echo "MAILSTACK_DIR=$STATE"
  echo "MAILSTACK_HOST=$HOST"
  echo "MAILSTACK_DOMAIN=$DOMAIN"
  echo "MAILSTACK_IMAP_PORT=$IMAP_PORT"
  echo "MAILSTACK_IMAPS_PORT=$IMAPS_PORT"
  echo "MAILSTACK_SMTP_PORT=$SMTP_PORT"
  echo "MAILSTACK_SUBMISSION_PORT=$SUBMISSION_PORT"
  echo "MAILSTACK_SMTPS_PORT=$SMTPS_PORT"
  echo "MAILSTACK_CA_FILE=$STATE/tls/ca.pem"
  echo "MAILSTACK_DOVECOT_CONF=$DOVECOT_CONF"
  echo "MAILSTACK_POSTFIX_CONFIG_DIR=$POSTFIX_DIR"
  for i in "${!USER_NAMES[@]}"; do
    key=$(printf '%s' "${USER_NAMES[$i]}" | tr 'a-z.-' 'A-Z__')
    echo "MAILSTACK_${key}_USER=${USER_NAMES[$i]}@$DOMAIN"
    echo "MAILSTACK_${key}_PASSWORD=${USER_PASSWORDS[$i]}"
  done
} >"$ENV_FILE.tmp"
chmod 0644 "$ENV_FILE.tmp"
mv -f "$ENV_FILE.tmp" "$ENV_FILE"
START_OK=1

T_END=$(now_ms)
print_summary "running (dovecot pid $DOVECOT_PID, postfix master pid $POSTFIX_PID)"
echo "  timings     total $(fmt_s $((T_END - T_BEGIN))) s; dovecot $(fmt_s $((T_DOVECOT - T_DAEMONS))) s, postfix $(fmt_s $((T_POSTFIX - T_DOVECOT))) s"

# ---------------------------------------------------------------- --foreground
if [ "$FOREGROUND" = 1 ]; then
  exec {LOCK_FD}>&-
  stopping=0
  fg_stop() {
    [ "$stopping" = 0 ] || return 0
    stopping=1
    log "signal received: stopping the stack"
    "$SCRIPT_DIR/stop.sh" "$STATE" >&2 || exit 1
    exit 0
  }
  trap fg_stop INT TERM HUP
  log "running in the foreground; SIGTERM or Ctrl-C stops the stack"
  while is_our_dovecot "$DOVECOT_PID" "$DOVECOT_CONF" && is_our_postfix "$POSTFIX_PID" "$POSTFIX_DIR"; do
    sleep 1 &
    wait $! || true
  done
  log "a master exited on its own: stopping the rest"
  "$SCRIPT_DIR/stop.sh" "$STATE" >&2 || true
  exit 1
fi
exit 0
