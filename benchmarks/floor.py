"""The floor of benchmarks/bench.py: the least a pure-Python license-file reader does.

    python benchmarks/floor.py FILE... [--json] [-o OUT]
    python benchmarks/floor.py --version        # bare start-up: imports, then exit

Reads each file, joins backslash continuations with one regex, tokenises each record with one
regex (bare words, KEY=value, "quoted values" and KEY="quoted values" with spaces in them), keeps
every record's tokens in memory (as a reader returning records does), then prints one line of
tokens per record, or the tokens as JSON with --json. Comments and blank lines are skipped.
lictool's times are reported as ratios to this one's, on the same file in the same run.
"""
import re
import sys

CONTINUATION = re.compile(r"[ \t]*\\[ \t]*(?:\r\n|\r|\n)[ \t]*")
TOKEN = re.compile(r'(?:[^\s"=]+=)?"[^"]*"?|[^\s"]+')


def read(path):
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        text = CONTINUATION.sub(" ", f.read())
    return [TOKEN.findall(line) for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def main(argv):
    if "--version" in argv:
        return print("floor")
    out = argv[argv.index("-o") + 1] if "-o" in argv else None
    paths = [a for i, a in enumerate(argv)
             if not a.startswith("-") and (i == 0 or argv[i - 1] != "-o")]
    files = {p: read(p) for p in paths}
    sink = open(out, "w", encoding="utf-8") if out else sys.stdout
    if "--json" in argv:
        import json
        json.dump(files, sink)
    else:
        sink.writelines(" ".join(toks) + "\n" for records in files.values() for toks in records)
    if out:
        sink.close()


if __name__ == "__main__":
    main(sys.argv[1:])
