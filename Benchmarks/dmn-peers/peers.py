"""Run the shipped routing rules (Forms/rules/*.dmn) in two Python DMN engines, check them, and time them.

This is an independent check of the decision tables: the same .dmn files, the same worked cases
(shared/scenarios/routing-examples.jsonl), the same mechanical mapping from request facts to the
tables' flat inputs (re-implemented here from Forms/rules/README.md), two engines written by other people.
Then it measures decisions per second for each engine, and prints Heeded's rate beside them when given.

Each engine needs a small adapter, because neither reads every standard DMN feature:

* SpiffWorkflow 3.2 reads one decision per file and evaluates cells as Python, not FEEL. The adapter gives
  each decision its own <definitions> document, drops the annotation column header (its parser rejects any
  decision-table child it does not know), gives Python the FEEL names `true` and `false`, and evaluates the
  decisions in the order of their requirements, passing each result on as an input.
* pyDMNrules 1.4.5 fails with KeyError on an <annotation> column header (a typo in its XML loader), so the
  adapter drops those headers; it also reads the wrong element for an annotation's text, so the reasons are
  read from the .dmn by the fired rule, for both engines alike.

Neither adapter changes a rule, a cell or an expression.
"""

from __future__ import annotations

import argparse
import copy
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from types import SimpleNamespace

from lxml import etree

OUTPUTS = ["cin_assessment", "parent_carer_assessment", "young_carer_assessment", "safeguarding_s47", "team"]

# ---------------------------------------------------------------------------------------------------------
# The mapping from request facts to the tables' inputs (Forms/rules/README.md, "Inputs and the mapping").
# It only reshapes: every judgement (which concern gives cause, who gets what) is in the tables.

DISABILITY_CODES = {"MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"}
CONCERN_CODES = [
    "disclosure-of-abuse", "injury-by-adult", "unexplained-injury", "induced-illness-clinical-evidence",
    "harmful-sexual-behaviour", "exploitation", "distressed-behaviour-towards-parent",
    "distressed-behaviour-towards-sibling", "self-injury", "police-notification-explained",
    "illness-query-without-clinical-evidence", "parental-substance-misuse",
]


def flatten(facts: dict) -> dict:
    child, requester, parent_carer = facts["child"], facts["requester"], facts["parent_carer"]
    codes = child["disability_codes"]
    unknown = [c for c in codes if c not in DISABILITY_CODES and c != "NONE"]
    if unknown or ("NONE" in codes and len(codes) > 1):
        raise ValueError(f"child.disability_codes: {codes!r}")
    requests = facts["requests"]
    coded = [c["code"] for c in facts["concerns"]]
    for code in coded:
        if code not in CONCERN_CODES:
            raise ValueError(f"concerns[].code: {code!r} is not a concern code")
    flat = {
        "disability_apparent": any(c in DISABILITY_CODES for c in codes),
        "diagnosis_status": child["diagnosis_status"],
        "requests_assessment": "assessment" in requests,
        "requests_parent_carer_assessment": "parent-carer-assessment" in requests,
        "parent_carer_assessment_requested": bool(parent_carer["assessment_requested"]),
        "requester_has_parental_responsibility": bool(requester["parental_responsibility"]),
        "requester_is_adult": bool(requester["adult"]),
        "strain_count": parent_carer["strain_count"],
        "young_carers": facts["young_carers"],
        "concern_count": len(coded),
    }
    for code in CONCERN_CODES:
        flat["concern_" + code.replace("-", "_")] = code in coded
    return flat


# ---------------------------------------------------------------------------------------------------------
# Reading the model: decisions, their order, and each rule's reason (annotation) by table and rule number.

DMN_LOCAL = lambda el: etree.QName(el).localname  # noqa: E731  (match DMN by local name, 1.2-1.5 alike)


@dataclass
class Model:
    files: list
    order: list = field(default_factory=list)                 # decision names, requirements first
    reasons: dict = field(default_factory=dict)               # (decision, rule index) -> (rule id, text)
    decision_xml: dict = field(default_factory=dict)          # decision name -> (root, decision element)


def load_model(rules_dir: str) -> Model:
    files = sorted(glob.glob(os.path.join(rules_dir, "*.dmn")))
    if not files:
        sys.exit(f"no .dmn files in {rules_dir}")
    model = Model(files)
    requires, ids = {}, {}
    for path in files:
        root = etree.parse(path).getroot()
        for dec in root:
            if not isinstance(dec.tag, str) or DMN_LOCAL(dec) != "decision":
                continue
            name = dec.get("name")
            ids[dec.get("id")] = name
            model.decision_xml[name] = (root, dec)
            requires[name] = [rd.get("href").lstrip("#") for rd in dec.iter() if isinstance(rd.tag, str)
                              and DMN_LOCAL(rd) == "requiredDecision"]
            rules = [r for r in dec.iter() if isinstance(r.tag, str) and DMN_LOCAL(r) == "rule"]
            for i, rule in enumerate(rules):
                texts = [t.text for a in rule if isinstance(a.tag, str) and DMN_LOCAL(a) == "annotationEntry"
                         for t in a if isinstance(t.tag, str) and DMN_LOCAL(t) == "text"]
                model.reasons[(name, i)] = (rule.get("id"), texts[0] if texts else "")
    done = set()

    def visit(name):
        if name in done:
            return
        for dep in requires[name]:
            visit(ids[dep])
        done.add(name)
        model.order.append(name)

    for name in requires:
        visit(name)
    return model


def without_annotation_headers(root):
    root = copy.deepcopy(root)
    for el in list(root.iter()):
        if isinstance(el.tag, str) and DMN_LOCAL(el) == "annotation" and DMN_LOCAL(el.getparent()) == "decisionTable":
            el.getparent().remove(el)
    return root


class Undecided(Exception):
    """No rule matched (or a UNIQUE table matched more than one): a person decides."""


# ---------------------------------------------------------------------------------------------------------
# The peers.

class SpiffPeer:
    name = "spiffworkflow"

    def __init__(self, model: Model):
        from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
        from SpiffWorkflow.dmn.parser.BpmnDmnParser import BpmnDmnParser
        self.model = model
        parser = BpmnDmnParser()
        self.engines = {}
        for name in model.order:
            root, dec = model.decision_xml[name]
            single = without_annotation_headers(root)
            for other in [d for d in single if isinstance(d.tag, str) and DMN_LOCAL(d) in ("decision", "businessKnowledgeModel")]:
                if other.get("name") != name:
                    single.remove(other)
            for di in [d for d in single if isinstance(d.tag, str) and DMN_LOCAL(d) == "DMNDI"]:
                single.remove(di)
            parser.add_dmn_xml(single, filename=name)
            self.engines[name] = parser.get_engine(dec.get("id"), None)
        # Cells are Python to Spiff; FEEL's boolean literals are the only names our cells use besides inputs.
        script_engine = PythonScriptEngine(environment=TaskDataEnvironment({"true": True, "false": False}))
        self.workflow = SimpleNamespace(script_engine=script_engine)

    def decide(self, flat: dict):
        task = SimpleNamespace(workflow=self.workflow, data=dict(flat))
        fired = {}
        for name in self.model.order:
            engine = self.engines[name]
            rules = engine.decide(task)
            if not rules:
                raise Undecided(f"{name}: no rule matched")
            rule = rules[0]  # UNIQUE stops at its first match; FIRST wants the first in rule order
            value = next(iter(rule.output_as_dict(task).values()))
            task.data[name] = value
            fired[name] = rule.row_number - 1
        return {k: task.data[k] for k in OUTPUTS}, fired


class PyDMNrulesPeer:
    name = "pydmnrules"

    def __init__(self, model: Model):
        import pyDMNrules
        if len(model.files) != 1:
            sys.exit("the pyDMNrules adapter expects the rules in one .dmn file")
        self.model = model
        self.dmn = pyDMNrules.DMN()
        root = without_annotation_headers(etree.parse(model.files[0]).getroot())
        status = self.dmn.useXML(etree.tostring(root, encoding="unicode"))
        if status.get("errors"):
            sys.exit(f"pyDMNrules could not load the rules: {status['errors']}")

    def decide(self, flat: dict):
        status, results = self.dmn.decide(flat)
        if status.get("errors"):
            raise Undecided("; ".join(status["errors"]))
        results = results if isinstance(results, list) else [results]
        fired = {}
        for r in results:
            table, rule = r["Executed Rule"][1], r["Executed Rule"][2]
            fired[table] = int(rule.split(".")[1])
        final = results[-1]["Result"]
        return {k: final[k] for k in OUTPUTS}, fired


PEERS = [SpiffPeer, PyDMNrulesPeer]


# ---------------------------------------------------------------------------------------------------------

def load_cases(paths):
    cases = []
    for path in paths:
        with open(path) as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    case = json.loads(line)
                    case.setdefault("id", f"{os.path.basename(path)}:{n}")
                    cases.append(case)
    return cases


def check(peer, model, cases, verbose):
    failures = 0
    for case in cases:
        try:
            got, fired = peer.decide(flatten(case["facts"]))
        except Undecided as e:
            print(f"  {peer.name} {case['id']}: UNDECIDED ({e})")
            failures += 1
            continue
        wrong = {k: (got[k], v) for k, v in case["expected"].items() if got.get(k) != v}
        if wrong:
            failures += 1
            print(f"  {peer.name} {case['id']}: " + ", ".join(f"{k} got {g!r} expected {e!r}" for k, (g, e) in wrong.items()))
        if verbose:
            print(f"  {peer.name} {case['id']}: {json.dumps(got)}")
            for table in model.order:
                rule_id, text = model.reasons[(table, fired[table])]
                print(f"      {rule_id}: {text}")
    return failures


def rate(peer, flats, seconds):
    n, start = 0, time.perf_counter()
    while True:
        for flat in flats:
            peer.decide(flat)
        n += len(flats)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return n / elapsed


def heeded_rate(binary, rules_dir, cases, repetitions):
    """Time `heeded route` in its batch form on the same cases, repeated, and check every line it prints."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for _ in range(repetitions):
            for case in cases:
                f.write(json.dumps(case["facts"]) + "\n")
        path = f.name
    try:
        cmd = [binary, "route", "--facts", path, "--rules", rules_dir, "--format", "json"]
        start = time.perf_counter()
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        elapsed = time.perf_counter() - start
    finally:
        os.unlink(path)
    lines = out.splitlines()
    if len(lines) != repetitions * len(cases):
        sys.exit(f"heeded printed {len(lines)} lines for {repetitions * len(cases)} inputs")
    for i, line in enumerate(lines[: len(cases)]):
        got, case = json.loads(line), cases[i]
        wrong = [k for k, v in case["expected"].items() if got.get(k) != v]
        if wrong:
            sys.exit(f"heeded {case['id']}: wrong {wrong}: {line}")
    return len(lines) / elapsed


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rules", default=os.path.join(repo, "Forms", "rules"), help="directory of .dmn files")
    ap.add_argument("--cases", nargs="+", default=[os.path.join(os.path.dirname(repo), "shared", "scenarios", "routing-examples.jsonl")],
                    help="JSON Lines files of {id, facts, expected}")
    ap.add_argument("--seconds", type=float, default=3.0, help="how long to time each engine")
    ap.add_argument("--check-only", action="store_true", help="check the answers, do not time")
    ap.add_argument("--verbose", action="store_true", help="print each decision and the reasons")
    ap.add_argument("--heeded-rate", type=float, help="Heeded's rate in decisions/s, from its own benchmark")
    ap.add_argument("--heeded-rate-file", help="a file whose first number is Heeded's rate in decisions/s")
    ap.add_argument("--heeded-bin", help="a built `heeded` binary: time `heeded route --facts CASES.jsonl` too")
    ap.add_argument("--heeded-repetitions", type=int, default=2000, help="copies of the cases given to --heeded-bin")
    args = ap.parse_args()

    model = load_model(args.rules)
    cases = load_cases(args.cases)
    print(f"rules: {', '.join(os.path.relpath(f, repo) for f in model.files)}; decisions in order: {', '.join(model.order)}")
    print(f"cases: {len(cases)} from {', '.join(args.cases)}")

    peers = [cls(model) for cls in PEERS]
    failures = 0
    for peer in peers:
        bad = check(peer, model, cases, args.verbose)
        print(f"{peer.name:<14} {len(cases) - bad}/{len(cases)} cases decided as expected")
        failures += bad
    if failures:
        sys.exit(1)
    if args.check_only:
        return

    flats = [flatten(c["facts"]) for c in cases]
    rates = {peer.name: rate(peer, flats, args.seconds) for peer in peers}
    heeded = args.heeded_rate
    if args.heeded_rate_file:
        with open(args.heeded_rate_file) as f:
            heeded = float(re.search(r"[0-9]+(\.[0-9]+)?", f.read()).group(0))
    if args.heeded_bin:
        heeded = heeded_rate(args.heeded_bin, args.rules, cases, args.heeded_repetitions)
    if heeded:
        rates["heeded"] = heeded
    print()
    for name, r in rates.items():
        ratio = f"   heeded is {heeded / r:,.1f}x this" if heeded and name != "heeded" else ""
        print(f"{name:<14} {r:>12,.0f} decisions/s{ratio}")
    if not heeded:
        print("(heeded: pass --heeded-rate N, --heeded-rate-file FILE or --heeded-bin PATH to compare)")


if __name__ == "__main__":
    main()
