#!/usr/bin/env bash
# Issue 17 items 1-2, the mechanical part: re-runnable on any checkout of TSW Gateway in the old layout (extra classes in
# the old packages move with their package). Usage: apply.sh <checkout-dir>. Idempotent: a second run changes nothing.
#   1. gateway/src + gateway/pom.xml -> gateway/server/ (git mv: history follows)
#   2. packages -> stages (PKG map), a few classes by name (CLASS map); the bench -> gateway/bench/; the shared test
#      helpers (TEST_SUPPORT) -> gateway/test-support/ in package hk.tsw.gateway.testsupport
#   3. package lines, imports and FQCNs rewritten in every Java file and in the text files that name classes or
#      package paths (resources, poms, docs, .ci); an import is added where a class used without import (same package
#      before) now lives in another package
#   4. paths: gateway/target -> gateway/server/target, gateway/src/ -> gateway/server/src/, -pl gateway -> -pl
#      gateway/server; docs/bench-*.json -> gateway/bench/results/ (links in docs/*.md fixed)
# Not done here (hand edits, in separate commits on branch i17a after "restructure: mechanical moves by apply.sh"; they
# merge as ordinary edits): the module poms (root lists gateway/server, gateway/test-support, gateway/bench; tsw.home);
# settings/FaultPoints replacing runtime/Faults (call sites hk.tsw.gateway.runtime.Faults.point(x) ->
# hk.tsw.gateway.settings.FaultPoints.installed().halt(x), .poison(x) -> .installed().poison(x), Faults.configure(s) ->
# FaultPoints.installed().configure(s)) with testsupport/HaltingFaultPoints + its META-INF/services entry; the bench's
# main class (BenchCommand) and GatewayCli without `bench`; ProjectRoot in test-support; the helpers made public where
# tests of other packages call them; translate/Destinations (SubmissionChecker no longer imports route.RoutingTable);
# route id "route" (was interchange-translate); package-info.java files; StageRules + StageDependenciesTest (ArchUnit).
# After applying this to a branch that added code, check: a new call of runtime.Faults (rewrite as above), a new test
# helper that belongs in test-support (add it to TEST_SUPPORT and run again), a package-private member now used across
# packages (make it public), and `mvn -B -o -DskipTests install` + StageDependenciesTest.
set -euo pipefail
dir="${1:?usage: apply.sh <checkout-dir>}"
cd "$dir"
git rev-parse --show-toplevel >/dev/null
if [ -d gateway/src ] || [ -f gateway/pom.xml ]; then
  mkdir -p gateway/server
  [ -f gateway/server/pom.xml ] || git mv gateway/pom.xml gateway/server/pom.xml
  if [ ! -d gateway/server/src ]; then
    git mv gateway/src gateway/server/src
  else
    # a tree that already has gateway/server (a re-run on a merge that brought new files to the old place)
    git ls-files gateway/src | while read -r f; do
      mkdir -p "gateway/server/src/$(dirname "${f#gateway/src/}")"; git mv -k "$f" "gateway/server/src/${f#gateway/src/}"
    done
  fi
fi
mkdir -p gateway/bench/results
for f in docs/bench-*.json; do
  [ -e "$f" ] || continue
  if [ "$(basename "$f")" = bench-last-run.json ]; then git rm -q "$f"; else git mv "$f" gateway/bench/results/; fi
done
python3 - <<'PY'
import os, re, subprocess, sys

BASE = "hk.tsw.gateway"
# old package -> new package (a subpackage follows its parent: mapping.direct -> translate.mapping.direct)
PKG = {
    "inbound": "intake", "as2": "intake.as2", "soap": "intake.soap",
    "edifact": "translate.edifact", "xml": "translate.xml", "mapping": "translate.mapping",
    "canonical": "translate.canonical", "rules": "translate.rules",
    "routing": "route", "delivery": "deliver", "ack": "answer",
}
# old package, class-name regex -> new package (checked before PKG)
CLASS = [
    ("inbound", r"Sftp\w*", "intake.sftp"),
    ("routing", r"Agency\w*", "deliver"),
    ("ack", r"PartnerChecks|SubmissionChecker", "translate"),
    # start-up cross-checks of catalogue, routing and agencies belong to the boot, not to the catalogue
    ("catalogue", r"StartupChecks", "runtime"),
    ("edifact", r"LocatedError", "translate"),
    ("runtime", r"GatewaySettings", "settings"),
    ("xml", r"SecureXml|XmlLimits", "security"),
]
# test helpers shared by the fast tests, the reliability suite and the bench: one copy, in gateway/test-support
TEST_SUPPORT = {
    "runtime": ["AgencyStub", "BrokerProcess", "GatewayLogsOnFailure", "GatewayProcess", "Invariants", "PartnerSftp",
                "RunningGateway", "RunningGatewayFiles", "WebhookReceiver"],
    "reliability": ["ProcessHarness", "PartnerPosts"],
    "soap": ["WsseEnvelope"],
    "as2": ["As2Partner", "As2Posts", "TestCertificates", "As2PartnerReceiver", "As2Fixtures"],
    "store": ["TestDatabases"],
    "mapping": ["TestEngine"],
}
# product-tier classes that are test support (the interchange generator feeds fast tests and the bench)
TS_MAIN = {"bench": ["InterchangeGenerator"]}
TS_PKG = "testsupport"
# product classes that are the bench's (run as tsw-bench.jar): main BenchCommand and its tests
BENCH_MAIN = {("cli", "BenchCommand")}
BENCH_TEST = {("as2", "BenchAs2PartnerTest")}

SERVER = "gateway/server/src"
MOD = {"server": "gateway/server/src", "bench": "gateway/bench/src", "ts": "gateway/test-support/src"}

def git(*a):
    subprocess.run(["git", *a], check=True)

def listed(table, old, cls):
    """(old package, class) named in a table, the package given before or after the move (a re-run)."""
    for k, v in table.items() if isinstance(table, dict) else [(k, [c]) for k, c in table]:
        if cls in v and (old == k or old == map_pkg(k)):
            return True
    return False

def new_pkg(old, cls):
    for p, rx, n in CLASS:
        if (old == p or old == map_pkg(p)) and re.fullmatch(rx, cls):
            return n
    return map_pkg(old)

def map_pkg(old):
    best = None
    for p in PKG:
        if old == p or old.startswith(p + "."):
            if best is None or len(p) > len(best):
                best = p
    return old if best is None else PKG[best] + old[len(best):]

# 1. plan the moves of Java files still in the old places
moves = []   # (src, dst, oldpkg, newpkg, cls)
for tier in ("main", "test"):
    root = f"{SERVER}/{tier}/java/hk/tsw/gateway"
    if not os.path.isdir(root):
        continue
    for d, _, files in os.walk(root):
        rel = os.path.relpath(d, root)
        old = "" if rel == "." else rel.replace(os.sep, ".")
        for f in files:
            if not f.endswith(".java"):
                continue
            cls = f[:-5]
            if tier == "main" and listed(TS_MAIN, old, cls):
                mod, pkg, t = "ts", TS_PKG, "main"
            elif tier == "main" and (old == "bench" or listed(BENCH_MAIN, old, cls)):
                mod, pkg, t = "bench", "bench", "main"
            elif tier == "test" and old == "bench":
                mod, pkg, t = "bench", "bench", "test"
            elif tier == "test" and listed(BENCH_TEST, old, cls):
                # a bench test that reaches package-private product classes keeps its (new) package
                mod, pkg, t = "bench", new_pkg(old, cls), "test"
            elif tier == "test" and listed(TEST_SUPPORT, old, cls):
                mod, pkg, t = "ts", TS_PKG, "main"
            else:
                mod, pkg, t = "server", new_pkg(old, cls), tier
            dst = f"{MOD[mod]}/{t}/java/hk/tsw/gateway/{pkg.replace('.', '/')}/{f}"
            src = f"{d}/{f}"
            if os.path.normpath(src) != os.path.normpath(dst):
                moves.append((src, dst, old, pkg, cls))

# old FQCN -> new FQCN, for the classes moved now (others are found by package)
fq = {}
samepkg = {}  # old package -> {cls: newpkg}
for src, dst, old, pkg, cls in moves:
    fq[f"{BASE}.{old}.{cls}".replace("gateway..", "gateway.")] = f"{BASE}.{pkg}.{cls}"
for tier in ("main", "test"):
    root = f"{SERVER}/{tier}/java/hk/tsw/gateway"
    for d, _, files in os.walk(root) if os.path.isdir(root) else []:
        rel = os.path.relpath(d, root)
        old = "" if rel == "." else rel.replace(os.sep, ".")
        for f in files:
            if f.endswith(".java"):
                samepkg.setdefault(old, {})[f[:-5]] = None
moved_to = {(old, cls): pkg for _, _, old, pkg, cls in moves}
for old, classes in samepkg.items():
    for cls in classes:
        classes[cls] = moved_to.get((old, cls), old)

for src, dst, *_ in moves:
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    git("mv", src, dst)
# move resource folders named after an old package (e.g. fuzz inputs follow their test class's package)
for tier in ("main", "test"):
    root = f"{SERVER}/{tier}/resources/hk/tsw/gateway"
    if os.path.isdir(root):
        for name in sorted(os.listdir(root)):
            if os.path.isdir(f"{root}/{name}") and map_pkg(name) != name:
                dst = f"{root}/{map_pkg(name).replace('.', '/')}"
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                git("mv", f"{root}/{name}", dst)

TOKEN = re.compile(r"\bhk\.tsw\.gateway((?:\.[a-z_][a-z0-9_]*)*)(?:\.([A-Z]\w*))?")
def rewrite_token(m):
    pkg = m.group(1)[1:] if m.group(1) else ""
    cls = m.group(2)
    if cls:
        old = f"{BASE}.{pkg}.{cls}" if pkg else f"{BASE}.{cls}"
        if old in fq:
            return fq[old]
        if not pkg:
            return m.group(0)
        return f"{BASE}.{map_pkg(pkg)}.{cls}"
    if not pkg:
        return m.group(0)
    return f"{BASE}.{map_pkg(pkg)}"
SLASH = re.compile(r"\bhk/tsw/gateway/([a-z_][a-z0-9_]*(?:/[a-z_][a-z0-9_]*)*)")
def rewrite_slash(m):
    return "hk/tsw/gateway/" + map_pkg(m.group(1).replace("/", ".")).replace(".", "/")

PATHS = [
    (re.compile(r"\bgateway/target\b"), "gateway/server/target"),
    (re.compile(r"\bgateway/src/"), "gateway/server/src/"),
    (re.compile(r"-pl gateway(?![/\w-])"), "-pl gateway/server"),
]
def rewrite_text(t, java):
    t = TOKEN.sub(rewrite_token, t)
    t = SLASH.sub(rewrite_slash, t)
    for rx, rep in PATHS:
        t = rx.sub(rep, t)
    return t

def targets(old, cls):
    """Where a class of that name from package old went, by the rules."""
    out = []
    if listed(TEST_SUPPORT, old, cls) or listed(TS_MAIN, old, cls):
        out.append(TS_PKG)
    if old == "bench":
        out.append("bench")
    out.append(new_pkg(old, cls))
    return out

def exists(pkg, cls):
    rel = f"java/hk/tsw/gateway/{pkg.replace('.', '/')}/{cls}.java"
    return any(os.path.isfile(f"{m}/{t}/{rel}") for m in MOD.values() for t in ("main", "test"))

IMPORT = re.compile(r"^import\s+(static\s+)?([\w.]+)\s*;", re.M)
def add_imports(path, t, oldpkg, newpkg):
    """Classes of the file's old package, used by simple name, that now live in another package: import them."""
    peers = samepkg.get(oldpkg, {})
    imported = {i.group(2).rsplit(".", 1)[-1] for i in IMPORT.finditer(t) if not i.group(1)}
    body = IMPORT.sub("", t)
    body = re.sub(r"^package .*$", "", body, flags=re.M)
    own = re.findall(r"\b(?:class|interface|enum|record)\s+(\w+)", body)
    # a re-run (the old package's other classes left in an earlier run): where the rules sent a class of that name
    peers = dict(peers)
    for word in set(re.findall(r"(?<![\w.])([A-Z]\w*)\b", body)) - set(peers):
        for pkg in targets(oldpkg, word):
            if pkg != newpkg and exists(pkg, word):
                peers[word] = pkg
                break
    need = []
    for cls, pkg in sorted(peers.items()):
        if pkg == newpkg or cls in imported or cls in own:
            continue
        if re.search(r"(?<![\w.])" + re.escape(cls) + r"\b", body):
            need.append(f"import {BASE}.{pkg}.{cls};")
    if not need:
        return t
    last = None
    for last in IMPORT.finditer(t):
        pass
    if last is not None:  # after the file's last import
        return t[:last.end()] + "\n" + "\n".join(need) + t[last.end():]
    m = re.search(r"^package .*;[ \t]*$", t, re.M)
    return t[:m.end()] + "\n\n" + "\n".join(need) + t[m.end():]

def pkg_of_path(p):
    m = re.search(r"/java/hk/tsw/gateway/?(.*)/[^/]+\.java$", p)
    return m.group(1).replace("/", ".") if m else None

old_of_dst = {os.path.normpath(dst): old for _, dst, old, _, _ in moves}
for root in ("gateway/server/src", "gateway/bench/src", "gateway/test-support/src"):
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            try:
                t = open(p, encoding="utf-8").read()
            except (UnicodeDecodeError, IsADirectoryError):
                continue
            n = rewrite_text(t, p.endswith(".java"))
            if p.endswith(".java"):
                newpkg = pkg_of_path(p)
                n = re.sub(r"^package\s+[\w.]+\s*;", f"package {BASE}.{newpkg};".replace("gateway.;", "gateway;"), n, count=1, flags=re.M)
                # an import of the file's own package (a class that joined it) is dropped
                n = re.sub(r"^import " + re.escape(f"{BASE}.{newpkg}.") + r"[A-Z]\w*;\n", "", n, flags=re.M)
                old = old_of_dst.get(os.path.normpath(p))
                if old is not None:
                    n = add_imports(p, n, old, newpkg)
                else:
                    # a file that stayed: peers of its package may have left
                    n = add_imports(p, n, newpkg, newpkg)
            if p.startswith("gateway/test-support/") and p.endswith(".java"):
                n = re.sub(r"\bTestEngine\.(REPO|DFDL_CACHE)\b", r"ProjectRoot.\1", n)
            if n != t:
                open(p, "w", encoding="utf-8").write(n)

# text files outside the modules that name classes, packages or the paths
others = ["pom.xml", "gateway/server/pom.xml", "README.md", ".ci/run", ".ci/fuzz", ".gitignore"]
for d in ("docs", "config"):
    for dd, _, files in os.walk(d):
        others += [os.path.join(dd, f) for f in files if f.endswith((".md", ".properties", ".xml", ".sh", ".js", ".py", ".json", ".yaml", ".mjs"))
                   and "node_modules" not in dd]
for p in others:
    if not os.path.isfile(p) or os.path.basename(p).startswith("restructure-"):  # this script's own copy
        continue
    t = open(p, encoding="utf-8").read()
    n = rewrite_text(t, False)
    if p.startswith("docs/") and p.endswith(".md"):
        n = re.sub(r"\]\((bench-[\w.-]+\.json)\)", r"](../gateway/bench/results/\1)", n)
    if n != t:
        open(p, "w", encoding="utf-8").write(n)
print(f"apply.sh: {len(moves)} Java files moved")
PY
# the folders the moves emptied
find gateway/src gateway/server/src gateway/test-support/src gateway/bench/src -type d -empty -delete 2>/dev/null || true
