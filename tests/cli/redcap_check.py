#!/usr/bin/python3
"""Checks REDCap files against the rules of the format, independently of
rater's code (the rules: ../shared/reference/interop.md section 3).

    redcap_check.py DICTIONARY.csv [IMPORT.csv]

The data dictionary: the 18 exact column headers, 18 fields per row,
variable names (a-z first, then a-z 0-9 _, at most 100, unique, none
FORM_complete), the record id field first and of type text, form names,
each form's rows contiguous, field types, choices ("code, Label | ...",
codes unique, REDCap-safe), calc formulas (only [field] references to
numeric fields, numbers, + - * / and parentheses, or REDCap functions),
validation types and bounds, y-or-blank flags, alignment, and branching
logic (single quotes only, [field] of the dictionary, = <> < > <= >=,
and/or, balanced parentheses).

The import file: UTF-8 without a byte order mark; the record id column
first; every other column redcap_event_name, a field of the dictionary
that is not calc or descriptive, a checkbox column FIELD___CODE or
FORM_complete; every value in its field's domain (a choice code, a
whole number or number within the bounds, a YYYY-MM-DD date, 0/1/2 for
FORM_complete); a record and event once.

Prints one line per problem and exits 1 when there is any.
"""
import csv
import datetime
import io
import re
import sys

HEADER = [
    "Variable / Field Name", "Form Name", "Section Header", "Field Type",
    "Field Label", "Choices, Calculations, OR Slider Labels", "Field Note",
    "Text Validation Type OR Show Slider Number", "Text Validation Min",
    "Text Validation Max", "Identifier?",
    "Branching Logic (Show field only if...)", "Required Field?",
    "Custom Alignment", "Question Number (surveys only)",
    "Matrix Group Name", "Matrix Ranking?", "Field Annotation",
]
TYPES = {"text", "notes", "dropdown", "radio", "checkbox", "calc", "file",
         "descriptive", "slider", "yesno", "truefalse", "sql"}
VALIDATIONS = {"date_ymd", "date_mdy", "date_dmy", "datetime_ymd",
               "datetime_mdy", "datetime_dmy", "datetime_seconds_ymd",
               "datetime_seconds_mdy", "datetime_seconds_dmy", "time",
               "integer", "number", "number_1dp", "number_2dp",
               "number_3dp", "number_4dp", "email", "phone", "zipcode",
               "alpha_only", "time_mm_ss"}
NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
CODE = re.compile(r"(-?[0-9]+(\.[0-9]+)?|[A-Za-z0-9_]+)\Z")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")
INTEGER = re.compile(r"-?[0-9]+\Z")
FUNCS = {"sum", "mean", "min", "max", "round", "roundup", "rounddown",
         "if", "abs", "sqrt", "datediff", "median", "stdev"}

problems = []


def bad(where, msg):
    problems.append("%s: %s" % (where, msg))


def read(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        bad(path, "a byte order mark (REDCap wants UTF-8 without one)")
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        bad(path, "not UTF-8: %s" % e)
        return []
    return [r for r in csv.reader(io.StringIO(text, newline=""))
            if r != []]


def choices(where, text):
    """{code: label} of 'code, Label | code, Label', or None."""
    out = {}
    for part in text.split("|"):
        part = part.strip()
        if "," not in part:
            bad(where, "choice %r has no 'code, Label' comma" % part)
            return None
        code, label = part.split(",", 1)
        code, label = code.strip(), label.strip()
        if not CODE.match(code):
            bad(where, "choice code %r is not a number or letters, "
                "digits and _" % code)
        if code in out:
            bad(where, "choice code %r twice" % code)
        if label == "":
            bad(where, "choice %r has no label" % code)
        out[code] = label
    return out


TOKEN = re.compile(r"\s*(?:(\[[a-z][a-z0-9_]*(?:\([A-Za-z0-9_]+\))?\])|"
                   r"('[^']*')|(-?[0-9]+(?:\.[0-9]+)?)|(<>|<=|>=|=|<|>)|"
                   r"(and|or)\b|(\()|(\))|([+*/-])|([a-z]+)(?=\()|(,))")


def tokens(where, text):
    pos, out = 0, []
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = TOKEN.match(text, pos)
        if m is None:
            bad(where, "cannot read %r at %r" % (text, text[pos:pos + 20]))
            return None
        kind = m.lastindex
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


def branching(where, text, fields):
    if '"' in text:
        bad(where, "branching logic with a double quote: %r" % text)
        return
    toks = tokens(where, text)
    if toks is None:
        return
    # cond = term { (and|or) term }; term = ( cond ) | operand op operand
    i = 0

    def operand():
        nonlocal i
        if i < len(toks) and toks[i][0] in (1, 2, 3):
            if toks[i][0] == 1:
                name = re.sub(r"\(.*", "", toks[i][1][1:-1])
                if name not in fields:
                    bad(where, "branching logic names %s, not a field"
                        % toks[i][1])
            i += 1
            return True
        return False

    def term():
        nonlocal i
        if i < len(toks) and toks[i][0] == 6:
            i += 1
            if not cond() or i >= len(toks) or toks[i][0] != 7:
                return False
            i += 1
            return True
        if not operand():
            return False
        if i >= len(toks) or toks[i][0] != 4:
            return False
        i += 1
        return operand()

    def cond():
        nonlocal i
        if not term():
            return False
        while i < len(toks) and toks[i][0] == 5:
            i += 1
            if not term():
                return False
        return True

    if not cond() or i != len(toks):
        bad(where, "branching logic is not [field] op value joined by "
            "and/or: %r" % text)


def calc(where, text, numeric):
    toks = tokens(where, text)
    if toks is None:
        return
    depth = 0
    for kind, t in toks:
        if kind == 1:
            name = t[1:-1]
            if name not in numeric:
                bad(where, "calc uses %s, not a numeric field" % t)
        elif kind == 6:
            depth += 1
        elif kind == 7:
            depth -= 1
            if depth < 0:
                break
        elif kind == 9 and t not in FUNCS:
            bad(where, "calc uses %s(), not a REDCap function" % t)
        elif kind in (2, 5):
            bad(where, "calc uses %r" % t)
    if depth != 0:
        bad(where, "calc with unbalanced parentheses: %r" % text)


def check_dictionary(path):
    rows = read(path)
    if not rows:
        bad(path, "empty")
        return None
    if rows[0] != HEADER:
        bad(path + ":1", "the header is not REDCap's 18 columns: %r"
            % rows[0])
        return None
    fields, order, forms, seen_forms = {}, [], [], set()
    for n, r in enumerate(rows[1:], 2):
        where = "%s:%d" % (path, n)
        if len(r) != 18:
            bad(where, "%d fields, not 18" % len(r))
            continue
        name, form, ftype = r[0], r[1], r[3]
        if not NAME.match(name) or len(name) > 100:
            bad(where, "variable name %r" % name)
        if name in fields:
            bad(where, "variable %s twice" % name)
        if not NAME.match(form):
            bad(where, "form name %r" % form)
        if form != (forms[-1] if forms else None):
            if form in seen_forms:
                bad(where, "the rows of form %s are not together" % form)
            forms.append(form)
            seen_forms.add(form)
        if ftype not in TYPES:
            bad(where, "field type %r" % ftype)
        if n == 2 and ftype != "text":
            bad(where, "the record id field %s is not text" % name)
        f = {"form": form, "type": ftype, "valid": r[7], "min": r[8],
             "max": r[9], "choices": None, "line": n}
        if ftype in ("radio", "dropdown", "checkbox"):
            if r[5] == "":
                bad(where, "%s without choices" % ftype)
            else:
                f["choices"] = choices(where, r[5])
        elif ftype == "calc":
            if r[5] == "":
                bad(where, "calc without a formula")
        elif ftype == "yesno" or ftype == "truefalse":
            f["choices"] = {"1": "", "0": ""}
        elif r[5] != "" and ftype != "slider":
            bad(where, "choices on a %s field" % ftype)
        if r[7] != "":
            if ftype == "text" and r[7] not in VALIDATIONS:
                bad(where, "validation %r" % r[7])
            elif ftype not in ("text", "slider"):
                bad(where, "validation on a %s field" % ftype)
        if r[8] != "" or r[9] != "":
            if not r[7]:
                bad(where, "a minimum or maximum without validation")
            elif r[7].startswith(("integer", "number")):
                for v in (r[8], r[9]):
                    if v != "" and not NUMBER.match(v):
                        bad(where, "bound %r is not a number" % v)
                if (r[8] and r[9] and NUMBER.match(r[8]) and
                        NUMBER.match(r[9]) and float(r[8]) > float(r[9])):
                    bad(where, "minimum above maximum")
        for col, allowed in ((10, ("", "y")), (12, ("", "y")),
                             (13, ("", "RV", "LV", "LH", "RH")),
                             (16, ("", "y"))):
            if r[col] not in allowed:
                bad(where, "%s is %r" % (HEADER[col], r[col]))
        fields[name] = f
        order.append((name, r))
    for form in forms:
        if form + "_complete" in fields:
            bad(path, "%s_complete is REDCap's own field" % form)
    numeric = {k for k, f in fields.items()
               if f["type"] in ("radio", "dropdown", "calc", "yesno",
                                "truefalse", "slider") or
               (f["type"] == "text" and
                f["valid"].startswith(("integer", "number")))}
    for name, r in order:
        where = "%s:%d" % (path, fields[name]["line"])
        if r[3] == "calc" and r[5]:
            calc(where, r[5], numeric)
        if r[11]:
            branching(where, r[11], fields)
    return {"fields": fields, "order": [n for n, _ in order],
            "forms": forms}


def valid_date(s, fmt):
    try:
        datetime.datetime.strptime(s, fmt)
        return True
    except ValueError:
        return False


def check_import(path, d):
    rows = read(path)
    if not rows:
        bad(path, "empty")
        return
    head = rows[0]
    fields = d["fields"]
    record = d["order"][0]
    if head[0] != record:
        bad(path + ":1", "the first column is %r, not the record id %s"
            % (head[0], record))
    cols = []
    for c in head:
        m = re.match(r"([a-z][a-z0-9_]*)___([A-Za-z0-9_.-]+)\Z", c)
        if c == "redcap_event_name":
            cols.append(("event", None))
        elif c in fields and fields[c]["type"] in ("calc", "descriptive"):
            bad(path + ":1", "column %s is a %s field" %
                (c, fields[c]["type"]))
            cols.append(("none", None))
        elif c in fields and fields[c]["type"] == "checkbox":
            bad(path + ":1", "checkbox %s without ___code" % c)
            cols.append(("none", None))
        elif c in fields:
            cols.append(("field", fields[c]))
        elif (m and m.group(1) in fields and
              fields[m.group(1)]["type"] == "checkbox"):
            if m.group(2) not in (fields[m.group(1)]["choices"] or {}):
                bad(path + ":1", "checkbox column %s: no choice %s" %
                    (c, m.group(2)))
            cols.append(("box", None))
        elif c.endswith("_complete") and c[:-9] in d["forms"]:
            cols.append(("complete", None))
        else:
            bad(path + ":1", "column %r is not in the dictionary" % c)
            cols.append(("none", None))
    if len(set(head)) != len(head):
        bad(path + ":1", "a column twice")
    keys = set()
    for n, r in enumerate(rows[1:], 2):
        where = "%s:%d" % (path, n)
        if len(r) != len(head):
            bad(where, "%d fields, the header has %d" % (len(r), len(head)))
            continue
        if r[0] == "":
            bad(where, "no record id")
        key = (r[0], r[head.index("redcap_event_name")]
               if "redcap_event_name" in head else "")
        if key in keys:
            bad(where, "record %s event %s twice" % key)
        keys.add(key)
        for (kind, f), c, v in zip(cols, head, r):
            if v == "":
                continue
            w = "%s: %s" % (where, c)
            if kind == "event" and not NAME.match(v):
                bad(w, "event %r is not a unique event name" % v)
            elif kind == "complete" and v not in ("0", "1", "2"):
                bad(w, "form status %r" % v)
            elif kind == "box" and v not in ("0", "1"):
                bad(w, "checkbox value %r" % v)
            elif kind == "field":
                check_value(w, f, v)
    if not problems:
        print("%s: %d records, %d columns" % (path, len(rows) - 1,
                                             len(head)))


def check_value(w, f, v):
    if f["choices"] is not None:
        if v not in f["choices"]:
            bad(w, "%r is not one of the codes %s" %
                (v, " ".join(f["choices"])))
        return
    if f["type"] != "text" or not f["valid"]:
        return
    val = f["valid"]
    if val == "integer" or val.startswith("number"):
        if not (INTEGER if val == "integer" else NUMBER).match(v):
            bad(w, "%r is not a%s" % (v, "whole number" if
                                       val == "integer" else " number"))
            return
        if f["min"] and float(v) < float(f["min"]):
            bad(w, "%s below %s" % (v, f["min"]))
        if f["max"] and float(v) > float(f["max"]):
            bad(w, "%s above %s" % (v, f["max"]))
        m = re.match(r"number_(\d)dp\Z", val)
        if m and len((v.split(".") + [""])[1]) != int(m.group(1)):
            bad(w, "%s has not %s decimals" % (v, m.group(1)))
    elif val.startswith("date_") and not valid_date(v, "%Y-%m-%d"):
        bad(w, "%r is not a YYYY-MM-DD date" % v)
    elif val.startswith("datetime_") and not (
            valid_date(v, "%Y-%m-%d %H:%M") or
            valid_date(v, "%Y-%m-%d %H:%M:%S")):
        bad(w, "%r is not YYYY-MM-DD HH:MM" % v)


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    d = check_dictionary(sys.argv[1])
    if d is not None and not problems:
        print("%s: %d fields, %d forms" % (sys.argv[1], len(d["fields"]),
                                          len(d["forms"])))
    if d is not None and len(sys.argv) == 3:
        check_import(sys.argv[2], d)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
