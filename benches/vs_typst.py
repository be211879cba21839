#!/usr/bin/env python3
"""Times gongwen against Typst on the same text with the same fonts, in one run.

gongwen builds the sample report (DOCX + PDF) as a whole process. Typst (the
PyPI package `typst`, a compiled binding of the Typst compiler) compiles a
Typst document holding the sample's text, set in the same shipped Fandol
fonts with the same sizes and page margins, to PDF. hyperfine times three
commands together: gongwen, Python importing typst and compiling, and Python
importing typst alone; Typst's time is the difference of the last two, so the
interpreter's start-up is not charged to it.

Not part of CI. Needs hyperfine and `pip install typst`, and a release build:

    cargo build --release && python3 benches/vs_typst.py
"""

import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GONGWEN = ROOT / "target" / "release" / "gongwen"
SAMPLE = ROOT / "data" / "chuxiong-2020.yaml"
FONTS = ROOT / "fonts"

# GB/T 9704 page: A4, text area 156 x 225 mm, top margin 37 mm, left 28 mm.
PREAMBLE = """#set page(paper: "a4", margin: (top: 37mm, left: 28mm, right: 26mm, bottom: 35mm),
  footer: context align(center, text(font: "FandolSong", size: 14pt)[— #counter(page).display() —]))
#set text(font: ("FandolFang R", "FandolFang"), size: 16pt, lang: "zh")
#set par(first-line-indent: (amount: 2em, all: true), justify: true, leading: 0.85em, spacing: 0.85em)
"""

LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
LEVEL2 = re.compile(r"^（[一二三四五六七八九十]+）")


def escape(line):
    return re.sub(r'([\\#*_`$<>@\[\]"=~/-])', r"\\\1", line)


def to_typst(text):
    """The sample's text as a Typst document in the same fonts and sizes."""
    lines = [l for l in text.splitlines() if l.strip()]
    out = [PREAMBLE]
    title, body = lines[0], lines[1:]
    out.append(
        f'#align(center, text(font: "FandolSong", weight: "bold", size: 22pt)[{escape(title)}])\n'
    )
    for line in body:
        if LEVEL1.match(line):
            out.append(f'#text(font: "FandolHei")[{escape(line)}]\n')
        elif m := LEVEL2.match(line):
            head, _, rest = line.partition("。")
            out.append(f'#text(font: "FandolKai")[{escape(head)}。]{escape(rest)}\n')
        else:
            out.append(escape(line) + "\n")
    return "\n".join(out)


def main():
    if not GONGWEN.exists():
        sys.exit("build the release binary first: cargo build --release")
    work = Path(tempfile.mkdtemp(prefix="gongwen-vs-typst-"))
    env = dict(os.environ, GONGWEN_FONTS=str(FONTS))
    subprocess.run(
        [GONGWEN, "build", "--format", "txt", "--out", work / "txt", SAMPLE],
        check=True, env=env, capture_output=True,
    )
    text = next((work / "txt").glob("*.txt")).read_text(encoding="utf-8")
    typ = work / "sample.typ"
    typ.write_text(to_typst(text), encoding="utf-8")

    def compile_py(system_fonts):
        return "import typst; typst.compile(%r, output=%r, font_paths=[%r], ignore_system_fonts=%r)" % (
            str(typ), str(work / "typst.pdf"), str(FONTS), not system_fonts)

    # gongwen looks through the installed fonts for the official ones, as the
    # typst command line does by default; Typst is timed both with and without.
    commands = {
        "gongwen": f"{GONGWEN} build --out {work / 'out'} {SAMPLE}",
        "typst": f"{sys.executable} -c {shlex.quote(compile_py(True))}",
        "typst-shipped-fonts-only": f"{sys.executable} -c {shlex.quote(compile_py(False))}",
        "python": f"{sys.executable} -c 'import typst'",
    }
    report = work / "hyperfine.json"
    subprocess.run(
        ["hyperfine", "-N", "--warmup", "3", "--runs", "30", "--export-json", report]
        + [a for name, cmd in commands.items() for a in ("-n", name, cmd)],
        check=True, env=env,
    )
    results = {r["command"]: r for r in json.loads(report.read_text())["results"]}
    # Wall time (median) and CPU time (mean user + system, steadier on a busy machine).
    def cpu(name):
        return results[name]["user"] + results[name]["system"]

    ours, ours_cpu = results["gongwen"]["median"], cpu("gongwen")
    python, python_cpu = results["python"]["median"], cpu("python")
    print(f"\n{'gongwen DOCX+PDF':<29} wall {ours * 1e3:7.1f} ms   cpu {ours_cpu * 1e3:7.1f} ms")
    for name in ("typst", "typst-shipped-fonts-only"):
        wall, time = results[name]["median"] - python, cpu(name) - python_cpu
        print(f"{name:<29} wall {wall * 1e3:7.1f} ms   cpu {time * 1e3:7.1f} ms"
              f"   gongwen / Typst: wall {ours / wall:.3f}, cpu {ours_cpu / time:.3f}")
    print("(Typst's times have the Python interpreter's start-up subtracted)")
    pages = subprocess.run(["pdfinfo", work / "typst.pdf"], capture_output=True, text=True).stdout
    print("Typst pages:", re.search(r"Pages:\s+(\d+)", pages).group(1) if "Pages" in pages else "?")
    print("files in", work)


if __name__ == "__main__":
    main()
