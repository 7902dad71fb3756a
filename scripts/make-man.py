#!/usr/bin/env python3
"""Writes man pages from the argument parser's own description of the commands (`articled --experimental-dump-help`),
so that they never disagree with --help: articled(1) and one page per subcommand (articled-log-cat(1), …).

  scripts/make-man.py BINARY OUTDIR
"""
import json, os, subprocess, sys

binary, out = sys.argv[1], sys.argv[2]
root = json.loads(subprocess.run([binary, "--experimental-dump-help"], capture_output=True, check=True).stdout)["command"]
version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()

def esc(s):
    return (s or "").replace("\\", "\\\\").replace("-", "\\-").replace("\n.", "\n\\&.")

def flag(a):
    names = [("--" if n["kind"] == "long" else "-") + n["name"] for n in a.get("names", [])]
    value = "" if a["kind"] == "flag" else " " + (a.get("valueName") or "value").upper()
    return ", ".join(names) + value if names else (a.get("valueName") or "").upper()

def page(cmd, path):
    name = "-".join(path)
    lines = [f'.TH "{name.upper()}" 1 "" "articled {version}" "articled manual"', ".SH NAME",
             f"{esc(name)} \\- {esc(cmd.get('abstract', ''))}", ".SH SYNOPSIS", f".B {esc(' '.join(path))}"]
    args = [a for a in cmd.get("arguments", []) if a.get("shouldDisplay", True)]
    subs = [s for s in cmd.get("subcommands", []) if s.get("shouldDisplay", True) and s["commandName"] != "help"]
    if subs:
        lines.append("\\fISUBCOMMAND\\fR")
    for a in args:
        lines.append(f"[{esc(flag(a))}]" if a.get("isOptional") else esc(flag(a)))
    if cmd.get("discussion"):
        lines += [".SH DESCRIPTION", esc(cmd["discussion"])]
    if args:
        lines.append(".SH OPTIONS")
        for a in args:
            lines += [".TP", f"\\fB{esc(flag(a))}\\fR", esc(a.get("abstract", ""))]
    if subs:
        lines.append(".SH SUBCOMMANDS")
        for s in subs:
            lines += [".TP", f"\\fB{esc(s['commandName'])}\\fR", esc(s.get("abstract", "")) +
                      f" See \\fB{esc(name + '-' + s['commandName'])}\\fR(1)."]
    lines += [".SH SEE ALSO", "articled(1), /usr/share/doc/articled"]
    with open(os.path.join(out, name + ".1"), "w") as f:
        f.write("\n".join(lines) + "\n")
    for s in subs:
        page(s, path + [s["commandName"]])

os.makedirs(out, exist_ok=True)
page(root, ["articled"])
