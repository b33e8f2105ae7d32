#!/usr/bin/env python3
"""mailstack/verify.py: functional checks of a stack started by start.sh.

    python3 scripts/mailstack/verify.py STATE_DIR

Standard library only. Reads STATE_DIR/mailstack.env, prints one line per
check (PASS/FAIL, seconds, detail) and exits 1 if any check failed. Every
message it delivers carries a unique Subject and is expunged again once seen,
so it can run against a stack that tests share.
"""

import imaplib
import os
import smtplib
import socket
import ssl
import sys
import time
import uuid
from email.message import EmailMessage

DELIVERY_DEADLINE = 15.0  # seconds to wait for a message to reach a mailbox


def load_env(state):
    env = {}
    path = os.path.join(state, "mailstack.env")
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                k, v = line.split("=", 1)
                env[k] = v
    return env


STATE = sys.argv[1] if len(sys.argv) > 1 else "/tmp/mailstack/state"
if len(sys.argv) > 2 or STATE in ("-h", "--help"):
    print(__doc__)
    sys.exit(2)
try:
    E = load_env(STATE)
except OSError as e:
    print(f"cannot read the env file: {e} (did start.sh run?)")
    sys.exit(2)

HOST = E["MAILSTACK_HOST"]
DOMAIN = E["MAILSTACK_DOMAIN"]
IMAP = int(E["MAILSTACK_IMAP_PORT"])
IMAPS = int(E["MAILSTACK_IMAPS_PORT"])
SMTP = int(E["MAILSTACK_SMTP_PORT"])
SUBMISSION = int(E["MAILSTACK_SUBMISSION_PORT"])
SMTPS = int(E["MAILSTACK_SMTPS_PORT"])
CA = E["MAILSTACK_CA_FILE"]


def cred(name):
    key = name.upper().replace(".", "_").replace("-", "_")
    return E[f"MAILSTACK_{key}_USER"], E[f"MAILSTACK_{key}_PASSWORD"]


def pick_users():
    """support/alice/bob if present, else the first users of the env file."""
    names = [k[len("MAILSTACK_"):-len("_USER")].lower() for k in E
             if k.startswith("MAILSTACK_") and k.endswith("_USER")]
    others = [n for n in names if n != "catchall"]
    want = [n for n in ("support", "alice", "bob") if n in others]
    for n in others:
        if len(want) >= 3:
            break
        if n not in want:
            want.append(n)
    while len(want) < 3:  # fewer users configured: reuse
        want.append(want[-1] if want else "catchall")
    return want


SENDER_NAME, RCPT1_NAME, RCPT2_NAME = pick_users()
SENDER = cred(SENDER_NAME)
RCPT1 = cred(RCPT1_NAME)
RCPT2 = cred(RCPT2_NAME)
CATCHALL = cred("catchall")


def tls_ctx():
    ctx = ssl.create_default_context(cafile=CA)  # verifies chain and name
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


class IMAP4_SSL_Name(imaplib.IMAP4_SSL):
    """Connect to an address, verify the certificate against another name."""

    def __init__(self, host, port, tls_name, **kw):
        self.tls_name = tls_name
        super().__init__(host, port, ssl_context=tls_ctx(), timeout=10, **kw)

    def _create_socket(self, timeout):
        sock = socket.create_connection((self.host, self.port), timeout)
        return self.ssl_context.wrap_socket(sock, server_hostname=self.tls_name)


def imaps(user=None, tls_name="localhost"):
    m = IMAP4_SSL_Name(HOST, IMAPS, tls_name)
    if user:
        m.login(*user)
    return m


def unique_subject(tag):
    return f"mailstack-verify {tag} {uuid.uuid4().hex}"


def make_msg(frm, to, subject, body="mailstack verify\r\n"):
    msg = EmailMessage()
    msg["From"] = frm
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{uuid.uuid4().hex}@{DOMAIN}>"
    msg.set_content(body)
    return msg


def find_subject(m, subject):
    typ, data = m.uid("SEARCH", "HEADER", "Subject", f'"{subject}"')
    assert typ == "OK", (typ, data)
    return data[0].split()


def wait_for_subject(user, subject, deadline=DELIVERY_DEADLINE, expunge=True):
    """Poll USER's INBOX until a message with SUBJECT is there (the pattern
    tests should use: delivery is asynchronous). Returns (seconds, raw message)."""
    t0 = time.monotonic()
    m = imaps(user)
    try:
        while True:
            m.select("INBOX")
            uids = find_subject(m, subject)
            if uids:
                typ, data = m.uid("FETCH", uids[0], "(BODY.PEEK[])")
                assert typ == "OK", (typ, data)
                raw = data[0][1]
                if expunge:
                    m.uid("STORE", b",".join(uids), "+FLAGS.SILENT", r"(\Deleted)")
                    m.expunge()
                return time.monotonic() - t0, raw
            if time.monotonic() - t0 > deadline:
                raise AssertionError(f"{subject!r} not in {user[0]}'s INBOX after {deadline:.0f} s")
            time.sleep(0.1)
    finally:
        try:
            m.logout()
        except Exception:
            pass


RESULTS = []


def check(name):
    def deco(fn):
        t0 = time.monotonic()
        try:
            detail = fn() or ""
            ok = True
        except Exception as e:  # noqa: BLE001 - report every failure the same way
            detail = f"{type(e).__name__}: {e}"
            ok = False
        dt = time.monotonic() - t0
        RESULTS.append(ok)
        print(f"{'PASS' if ok else 'FAIL'}  {name:<36} {dt:6.2f}s  {detail}", flush=True)
        return fn
    return deco


# ------------------------------------------------------------------ IMAP
@check("imaps login, CA-verified TLS")
def _():
    m = imaps(SENDER)
    try:
        ver = m.sock.version()
        typ, caps = m.capability()
        assert typ == "OK"
        assert b"IDLE" in caps[0].split(), caps
        typ, _ = m.select("INBOX")
        assert typ == "OK"
        return f"{SENDER[0]} {ver}, IDLE advertised"
    finally:
        m.logout()


@check("imaps cert names localhost/mail/IP")
def _():
    for name in ("localhost", f"mail.{DOMAIN}", HOST):
        imaps(tls_name=name).logout()
    return f"localhost, mail.{DOMAIN}, {HOST} verified"


@check("wrong TLS hostname refused")
def _():
    try:
        imaps(tls_name="wrong.example.invalid").logout()
    except ssl.SSLCertVerificationError as e:
        return f"client refused: {e.verify_message}"
    raise AssertionError("a certificate for the wrong name was accepted")


@check("imap STARTTLS then LOGIN")
def _():
    m = imaplib.IMAP4(HOST, IMAP, timeout=10)
    try:
        assert "STARTTLS" in m.capabilities, m.capabilities
        m.starttls(ssl_context=tls_ctx())  # verifies the IP SAN
        m.login(*RCPT1)
        return f"{RCPT1[0]} {m.sock.version()}"
    finally:
        m.logout()


@check("imap bad password refused")
def _():
    m = imaps()
    try:
        m.login(SENDER[0], "wrong-" + SENDER[1])
    except imaplib.IMAP4.error as e:
        assert "AUTHENTICATIONFAILED" in str(e), e
        return "[AUTHENTICATIONFAILED]"
    finally:
        try:
            m.logout()
        except Exception:
            pass
    raise AssertionError("login with a wrong password succeeded")


# ------------------------------------------------------------------ SMTP
@check("smtp plain port delivers to INBOX")
def _():
    subject = unique_subject("smtp")
    with smtplib.SMTP(HOST, SMTP, timeout=10) as s:
        s.ehlo("verify.test")
        s.send_message(make_msg(SENDER[0], RCPT1[0], subject))
    dt, raw = wait_for_subject(RCPT1, subject)
    assert b"Delivered-To: " + RCPT1[0].encode() in raw, raw[:500]
    return f"{SENDER[0]} -> {RCPT1[0]} in INBOX after {dt:.2f}s"


@check("imap IDLE sees SMTP delivery")
def _():
    m = imaps(RCPT2)
    try:
        m.select("INBOX")
        tag = m._new_tag()
        m.send(tag + b" IDLE\r\n")
        line = m.readline()
        assert line.startswith(b"+"), line
        subject = unique_subject("idle")
        t0 = time.monotonic()
        with smtplib.SMTP(HOST, SMTP, timeout=10) as s:
            s.send_message(make_msg(SENDER[0], RCPT2[0], subject))
        m.sock.settimeout(DELIVERY_DEADLINE)
        while True:
            line = m.readline()
            if not line:
                raise AssertionError("connection closed during IDLE")
            if line.startswith(b"* ") and line.rstrip().endswith(b"EXISTS"):
                break
        dt = time.monotonic() - t0
        m.send(b"DONE\r\n")
        while True:
            line = m.readline()
            if line.startswith(tag):
                assert b" OK" in line, line
                break
        m.sock.settimeout(10)
        uids = find_subject(m, subject)
        assert uids, "EXISTS seen but the message is not found"
        m.uid("STORE", b",".join(uids), "+FLAGS.SILENT", r"(\Deleted)")
        m.expunge()
        return f"'{line.decode().strip()}'; EXISTS {dt:.2f}s after sending"
    finally:
        try:
            m.logout()
        except Exception:
            pass


@check("submission requires STARTTLS")
def _():
    with smtplib.SMTP(HOST, SUBMISSION, timeout=10) as s:
        s.ehlo("verify.test")
        assert not s.has_extn("auth"), "AUTH offered before STARTTLS"
        assert s.has_extn("starttls")
        code, resp = s.mail(SENDER[0])
        assert code == 530, (code, resp)
        s.rset()
        s.starttls(context=tls_ctx())
        s.ehlo("verify.test")
        assert s.has_extn("auth"), "no AUTH after STARTTLS"
        # after STARTTLS but without AUTH: refused
        code, resp = s.mail(SENDER[0])
        if code == 250:
            code, resp = s.rcpt(RCPT1[0])
        assert code == 554 or (code >= 500 and b"5.7" in resp), (code, resp)
    return f"530 before STARTTLS, {code} without AUTH"


@check("submission STARTTLS+AUTH delivers")
def _():
    subject = unique_subject("submission")
    with smtplib.SMTP(HOST, SUBMISSION, timeout=10) as s:
        s.starttls(context=tls_ctx())
        s.login(*SENDER)
        s.send_message(make_msg(SENDER[0], RCPT2[0], subject))
        # a login may only send as itself
        try:
            s.send_message(make_msg(RCPT1[0], RCPT2[0], unique_subject("forged")))
        except smtplib.SMTPRecipientsRefused as e:
            code = list(e.recipients.values())[0][0]
            assert code == 553, e.recipients
        except smtplib.SMTPSenderRefused as e:
            assert e.smtp_code == 553, e
        else:
            raise AssertionError("sender not owned by the login was accepted")
    dt, raw = wait_for_subject(RCPT2, subject)
    assert b"with ESMTPSA" in raw, raw[:800]
    return f"ESMTPSA {SENDER[0]} -> {RCPT2[0]} after {dt:.2f}s; forged sender 553"


@check("smtps implicit TLS+AUTH delivers")
def _():
    subject = unique_subject("smtps")
    with smtplib.SMTP_SSL(HOST, SMTPS, context=tls_ctx(), timeout=10) as s:
        ver = s.sock.version()
        s.login(*SENDER)
        s.send_message(make_msg(SENDER[0], RCPT1[0], subject))
    dt, _ = wait_for_subject(RCPT1, subject)
    return f"{ver}, {SENDER[0]} -> {RCPT1[0]} after {dt:.2f}s"


@check("smtp AUTH bad password refused")
def _():
    with smtplib.SMTP_SSL(HOST, SMTPS, context=tls_ctx(), timeout=10) as s:
        try:
            s.login(SENDER[0], "wrong-" + SENDER[1])
        except smtplib.SMTPAuthenticationError as e:
            assert e.smtp_code == 535, e
            return "535"
    raise AssertionError("AUTH with a wrong password succeeded")


@check("unknown local user rejected 550")
def _():
    with smtplib.SMTP(HOST, SMTP, timeout=10) as s:
        s.mail(SENDER[0])
        code, resp = s.rcpt(f"nobody-{uuid.uuid4().hex[:8]}@{DOMAIN}")
        assert code == 550, (code, resp)
    return resp.decode(errors="replace")[:60]


@check("external recipient lands in catchall")
def _():
    subject = unique_subject("catchall")
    with smtplib.SMTP(HOST, SMTP, timeout=10) as s:
        s.send_message(make_msg(SENDER[0], "customer@elsewhere.invalid", subject))
    dt, _ = wait_for_subject(CATCHALL, subject)
    return f"customer@elsewhere.invalid -> {CATCHALL[0]} after {dt:.2f}s"


failed = RESULTS.count(False)
print(f"{len(RESULTS) - failed}/{len(RESULTS)} checks passed")
sys.exit(1 if failed else 0)
