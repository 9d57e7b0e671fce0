"""Run the shipped routing rules (Forms/rules/*.dmn) in two Python DMN engines, check them, and time them.

This is an independent check of the decision tables: the same .dmn files, the same worked cases
(shared/scenarios/routing-examples.jsonl), the same mechanical mapping from request facts to the
tables' flat inputs (re-implemented here from Forms/rules/README.md, request facts version 2), two engines
written by other people. Then it measures requests routed per second for each engine, and prints Heeded's rate
beside them when given.

The rules are two models. `concerns.dmn` decides `concern_gives_cause`, asked once for each coded concern: true
(can be reasonable cause to suspect significant harm), false (not on its own) or null (a person judges). The
answers are counted into `concerns_giving_cause` (true) and `concerns_for_a_person` (null), which the tables of
`routing.dmn` read. Those decide the contract's six answers, `safeguarding_s47` first because two others read it.

Each engine needs a small adapter, because neither reads every standard DMN feature:

* SpiffWorkflow 3.2 reads one decision per file and evaluates cells as Python, not FEEL. The adapter gives
  each decision its own <definitions> document, drops the annotation column headers (its parser rejects any
  decision-table child it does not know), gives Python the FEEL names `true`, `false` and `null` (without
  `null`, a rule whose output is null raises NameError), and evaluates the decisions in the order of their
  requirements, passing each result on as an input. A null answer is passed on as None: a `true` or `false`
  cell does not match it (`None == True` is false) and `-` does, as in FEEL. Spiff knows only the UNIQUE and
  COLLECT hit policies; for any other (our FIRST) it returns every matching rule in table order, so the adapter
  takes the first.
* pyDMNrules 1.4.5 fails with KeyError on an <annotation> column header (a typo in its XML loader), so the
  adapter drops those headers; it also reads the wrong element for an annotation's text, so the reasons are
  read from the .dmn by the fired rule, for both engines alike. It loads one model per DMN() object, so each
  .dmn file gets its own, and the concern model is asked once per concern. Its decide() refuses any input
  its model does not declare, so each model is given only the inputs it declares. It reads a `null` output
  cell as FEEL null and returns None; since it also leaves an output None when its table is never reached,
  the adapter takes an answer only from a table that reports which rule it executed. A null input matches
  `-` and no `true` or `false` cell, as in FEEL.

Neither adapter changes a rule, a cell or an expression.

The check is stricter than Heeded in one way: Heeded makes an answer undecided (for a person) when no rule of
its table matches, but the shipped tables are written to be complete, so here a table with no matching rule,
in either engine, fails the case. An answer a rule leaves to a person on purpose (a `null` output) is None,
which a case's `expected` writes as JSON null.
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

# The contract's answers (shared/contracts/request-facts.md), in its order, and the per-concern decision.
OUTPUTS = ["cin_assessment", "parent_carer_assessment", "young_carer_assessment", "safeguarding_s47", "team", "adult_transition"]
CONCERN_DECISION = "concern_gives_cause"
CONCERN_COUNTS = ["concerns_giving_cause", "concerns_for_a_person"]

# ---------------------------------------------------------------------------------------------------------
# The mapping from request facts to the tables' inputs (Forms/rules/README.md, "Inputs, and the mapping").
# It only reshapes: every judgement (which concern gives cause, who gets what) is in the tables. Version-2 keys
# a request leaves out take the contract's defaults.

DISABILITY_CODES = {"MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"}
CONCERN_CODES = [
    "distressed-behaviour-towards-parent", "distressed-behaviour-towards-sibling", "self-injury",
    "police-notification-explained", "illness-query-without-clinical-evidence", "parental-substance-misuse",
    "disclosure-of-abuse", "injury-by-adult", "unexplained-injury", "induced-illness-clinical-evidence",
    "harmful-sexual-behaviour", "exploitation", "neglect", "domestic-abuse", "emotional-harm", "other-described",
]
CONCERN_SUBJECTS = {"child", "sibling", "parent"}
CORROBORATIONS = {"corroborated", "uncorroborated", "disproved"}
SEVERITIES = {"minor", "serious"}
DIAGNOSIS_STATUSES = {"confirmed", "pending", "none"}


@dataclass
class Flat:
    """A request's flat inputs, and each of its concerns' own inputs for the concern table."""
    request: dict
    concerns: list


def _choice(value, allowed, key):
    if value not in allowed:
        raise ValueError(f"{key}: {value!r} is not one of {sorted(allowed)}")
    return value


def _count(value, key):
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{key}: {value!r} is not an integer >= 0")
    return value


def _flag(value, key):
    if not isinstance(value, bool):
        raise ValueError(f"{key}: {value!r} is not true or false")
    return value


def flatten(facts: dict) -> Flat:
    child, requester, parent_carer = facts["child"], facts["requester"], facts["parent_carer"]
    codes = child["disability_codes"]
    unknown = [c for c in codes if c not in DISABILITY_CODES and c != "NONE"]
    if unknown or ("NONE" in codes and len(codes) > 1):
        raise ValueError(f"child.disability_codes: {codes!r}")
    age = child["age_years"]
    if not isinstance(age, int) or isinstance(age, bool) or not 0 <= age <= 25:
        raise ValueError(f"child.age_years: {age!r} is not an integer 0-25")
    requests = facts["requests"]
    concerns = facts["concerns"]
    for c in concerns:
        _choice(c["code"], CONCERN_CODES, "concerns[].code")
        _choice(c["about"], CONCERN_SUBJECTS, "concerns[].about")
        if c["code"] == "other-described" and not c.get("description"):
            raise ValueError("concerns[].description: required for code other-described")
    coded = [c["code"] for c in concerns]
    disability_apparent = any(c in DISABILITY_CODES for c in codes)
    requester_pr = _flag(requester["parental_responsibility"], "requester.parental_responsibility")
    requester_adult = _flag(requester["adult"], "requester.adult")
    mobile = child.get("independently_mobile")
    if mobile is None:
        mobile = not ("MOB" in codes or age < 1)
    dominant = child.get("disability_dominant")
    if dominant is None:
        dominant = disability_apparent and "parental-substance-misuse" not in coded
    carer_pr = parent_carer.get("parental_responsibility")
    carer_adult = parent_carer.get("adult")
    request = {
        "disability_apparent": disability_apparent,
        "diagnosis_status": _choice(child["diagnosis_status"], DIAGNOSIS_STATUSES, "child.diagnosis_status"),
        "child_age_years": age,
        "child_is_adult": age >= 18,
        "child_independently_mobile": _flag(mobile, "child.independently_mobile"),
        "disability_dominant": _flag(dominant, "child.disability_dominant"),
        "requests_assessment": "assessment" in requests,
        "requests_parent_carer_assessment": "parent-carer-assessment" in requests,
        "parent_carer_assessment_requested": _flag(parent_carer["assessment_requested"], "parent_carer.assessment_requested"),
        "parent_carer_has_parental_responsibility": _flag(requester_pr if carer_pr is None else carer_pr,
                                                          "parent_carer.parental_responsibility"),
        "parent_carer_is_adult": _flag(requester_adult if carer_adult is None else carer_adult, "parent_carer.adult"),
        "requester_has_parental_responsibility": requester_pr,
        "requester_is_adult": requester_adult,
        "strain_count": _count(parent_carer["strain_count"], "parent_carer.strain_count"),
        "young_carers": _count(facts["young_carers"], "young_carers"),
        "young_carers_for_others": _count(facts.get("young_carers_for_others", 0), "young_carers_for_others"),
        "previous_referrals": _count(facts.get("previous_referrals", 0), "previous_referrals"),
        "concern_count": len(coded),
    }
    for code in CONCERN_CODES:
        request["concern_" + code.replace("-", "_")] = code in coded
    own = [{
        "concern_code": c["code"],
        "concern_about": c["about"],
        "concern_corroboration": _choice(c.get("corroboration", "uncorroborated"), CORROBORATIONS, "concerns[].corroboration"),
        "concern_severity": _choice(c.get("severity", "serious"), SEVERITIES, "concerns[].severity"),
    } for c in concerns]
    return Flat(request, own)


def reader_column(facts: dict) -> str:
    """The reason column for whoever asked (README, "Reasons for whoever asked")."""
    relationship = facts["requester"]["relationship"]
    return {"professional": "reason_referrer", "young-person": "reason_young_person"}.get(relationship, "reason")


# ---------------------------------------------------------------------------------------------------------
# Reading the model: decisions, their order, and each rule's id and reasons (annotations) by table and rule number.

DMN_LOCAL = lambda el: etree.QName(el).localname  # noqa: E731  (match DMN by local name, 1.2-1.5 alike)


def _children(el, local):
    return [c for c in el if isinstance(c.tag, str) and DMN_LOCAL(c) == local]


@dataclass
class Table:
    name: str
    file: str
    root: object                                              # the file's <definitions>
    element: object                                           # the <decision>
    rule_ids: list = field(default_factory=list)
    reasons: list = field(default_factory=list)               # per rule: annotation column name -> text


@dataclass
class Model:
    files: list
    concern: Table = None                                     # concern_gives_cause, asked once per concern
    concern_file: str = ""
    request_files: list = field(default_factory=list)        # the other files, in the order Heeded reads them
    order: list = field(default_factory=list)                 # the other decisions, requirements first
    tables: dict = field(default_factory=dict)                # decision name -> Table

    def rule_id(self, table, index):
        return self.tables[table].rule_ids[index]

    def reason(self, table, index, column="reason"):
        texts = self.tables[table].reasons[index]
        return texts.get(column) or texts.get("reason") or next(iter(texts.values()), "")


def load_model(rules_dir: str) -> Model:
    files = sorted(glob.glob(os.path.join(rules_dir, "*.dmn")))
    if not files:
        sys.exit(f"no .dmn files in {rules_dir}")
    model = Model(files)
    requires, ids, in_file = {}, {}, {}
    for path in files:
        root = etree.parse(path).getroot()
        for dec in _children(root, "decision"):
            name = dec.get("name")
            if name in model.tables:
                sys.exit(f"{name} is decided in both {model.tables[name].file} and {path}")
            table = Table(name, path, root, dec)
            ids[dec.get("id")] = name
            in_file.setdefault(path, []).append(name)
            requires[name] = [rd.get("href").lstrip("#") for rd in dec.iter() if isinstance(rd.tag, str)
                              and DMN_LOCAL(rd) == "requiredDecision"]
            for dt in _children(dec, "decisionTable"):
                columns = [a.get("name") or a.get("label") or f"annotation {i + 1}"
                           for i, a in enumerate(_children(dt, "annotation"))]
                for rule in _children(dt, "rule"):
                    texts = ["".join(t.text or "" for t in _children(a, "text")) for a in _children(rule, "annotationEntry")]
                    table.rule_ids.append(rule.get("id"))
                    table.reasons.append({col: text for col, text in zip(columns, texts)})
            model.tables[name] = table
    missing = [n for n in OUTPUTS + [CONCERN_DECISION] if n not in model.tables]
    if missing:
        sys.exit(f"{rules_dir}: no decision named {', '.join(missing)}")
    model.concern = model.tables[CONCERN_DECISION]
    model.concern_file = model.concern.file
    others = [n for n in in_file[model.concern_file] if n != CONCERN_DECISION]
    if others:
        sys.exit(f"{model.concern_file}: the concern table is asked once per concern, so its file cannot also decide {others}")
    model.request_files = [f for f in files if f != model.concern_file and f in in_file]
    done = set()

    def visit(name, path):
        if name in done:
            return
        for dep in requires[name]:
            if ids.get(dep) in in_file[path]:
                visit(ids[dep], path)
        done.add(name)
        model.order.append(name)

    for path in model.request_files:   # a file may read the answers of files before it, as in Heeded
        for name in in_file[path]:
            visit(name, path)
    return model


def without_annotation_headers(root):
    root = copy.deepcopy(root)
    for el in list(root.iter()):
        if isinstance(el.tag, str) and DMN_LOCAL(el) == "annotation" and DMN_LOCAL(el.getparent()) == "decisionTable":
            el.getparent().remove(el)
    return root


class Undecided(Exception):
    """No rule matched, or the engine failed: the shipped tables should never do this."""


def count_concern(counts, name, value):
    """Adds one concern table answer to the two counts; anything but true, false or null is a failure."""
    if value is True:
        counts[0] += 1
    elif value is None:
        counts[1] += 1
    elif value is not False:
        raise Undecided(f"{name} gave {value!r}, not true, false or null")


# ---------------------------------------------------------------------------------------------------------
# The peers. decide(flat) returns the six answers and the rules that fired, as (table, rule index) in order:
# the concern table's for each concern, then each request table's.

class SpiffPeer:
    name = "spiffworkflow"

    def __init__(self, model: Model):
        from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine, TaskDataEnvironment
        from SpiffWorkflow.dmn.parser.BpmnDmnParser import BpmnDmnParser
        self.model = model
        parser = BpmnDmnParser()
        self.engines = {}
        for name in [CONCERN_DECISION] + model.order:
            table = model.tables[name]
            single = without_annotation_headers(table.root)
            for other in [d for d in single if isinstance(d.tag, str) and DMN_LOCAL(d) in ("decision", "businessKnowledgeModel")]:
                if other.get("name") != name:
                    single.remove(other)
            for di in [d for d in single if isinstance(d.tag, str) and DMN_LOCAL(d) == "DMNDI"]:
                single.remove(di)
            parser.add_dmn_xml(single, filename=name)
            self.engines[name] = parser.get_engine(table.element.get("id"), None)
        # Cells are Python to Spiff; FEEL's literals true, false and null are the only names our cells use besides inputs.
        script_engine = PythonScriptEngine(environment=TaskDataEnvironment({"true": True, "false": False, "null": None}))
        self.workflow = SimpleNamespace(script_engine=script_engine)

    def _first(self, name, task):
        rules = self.engines[name].decide(task)
        if not rules:
            raise Undecided(f"{name}: no rule matched")
        rule = rules[0]  # Spiff returns every match for a FIRST table, in rule order; FIRST takes the first
        return next(iter(rule.output_as_dict(task).values())), rule.row_number - 1

    def decide(self, flat: Flat):
        fired = []
        counts = [0, 0]
        for concern in flat.concerns:
            task = SimpleNamespace(workflow=self.workflow, data={**flat.request, **concern})
            value, index = self._first(CONCERN_DECISION, task)
            count_concern(counts, CONCERN_DECISION, value)
            fired.append((CONCERN_DECISION, index))
        task = SimpleNamespace(workflow=self.workflow, data=dict(flat.request, **dict(zip(CONCERN_COUNTS, counts))))
        for name in self.model.order:
            value, index = self._first(name, task)
            task.data[name] = value
            fired.append((name, index))
        return {k: task.data[k] for k in OUTPUTS}, fired


class PyDMNrulesPeer:
    name = "pydmnrules"

    def __init__(self, model: Model):
        import pyDMNrules
        self.model = model
        self.dmns = {}
        for path in [model.concern_file] + model.request_files:
            dmn = pyDMNrules.DMN()
            root = without_annotation_headers(etree.parse(path).getroot())
            status = dmn.useXML(etree.tostring(root, encoding="unicode"))
            if status.get("errors"):
                sys.exit(f"pyDMNrules could not load {path}: {status['errors']}")
            # decide() refuses a variable its model does not declare; its own answers are not inputs.
            decided = {n for n, t in model.tables.items() if t.file == path}
            self.dmns[path] = (dmn, [v for v in dmn.glossary if v not in decided])
        self.concern_dmn, self.concern_inputs = self.dmns[model.concern_file]

    @staticmethod
    def _run(dmn, data):
        status, results = dmn.decide(data)
        if status.get("errors"):
            raise Undecided("; ".join(status["errors"]))
        return results if isinstance(results, list) else [results]

    def decide(self, flat: Flat):
        fired = []
        counts = [0, 0]
        for concern in flat.concerns:
            values = {**flat.request, **concern}
            (result,) = self._run(self.concern_dmn, {k: values[k] for k in self.concern_inputs})
            table, rule = result["Executed Rule"][1], result["Executed Rule"][2]
            count_concern(counts, CONCERN_DECISION, result["Result"][CONCERN_DECISION])
            fired.append((table, int(rule.split(".")[1])))
        values = dict(flat.request, **dict(zip(CONCERN_COUNTS, counts)))
        answers = {}
        for path in self.model.request_files:
            dmn, inputs = self.dmns[path]
            for r in self._run(dmn, {k: values[k] for k in inputs if k in values}):
                table, rule = r["Executed Rule"][1], r["Executed Rule"][2]
                fired.append((table, int(rule.split(".")[1])))
                answers[table] = r["Result"][table]   # only a table that executed a rule gives an answer
            values.update(answers)                    # a later file may read an earlier file's answers
        missing = [k for k in OUTPUTS if k not in answers]
        if missing:
            raise Undecided(f"no table executed for {', '.join(missing)}")
        return {k: answers[k] for k in OUTPUTS}, fired


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
    """Each case's expected answers (JSON null: left to a person), and, where a case names them, the rules that
    must fire and words the reasons (in the column for whoever asked) must contain."""
    failures = 0
    for case in cases:
        facts = case["facts"]
        try:
            got, fired = peer.decide(flatten(facts))
        except Undecided as e:
            print(f"  {peer.name} {case['id']}: UNDECIDED ({e})")
            failures += 1
            continue
        column = reader_column(facts)
        ids = [model.rule_id(t, i) for t, i in fired]
        text = "\n".join(model.reason(t, i, column) for t, i in fired)
        problems = [f"{k} got {json.dumps(got.get(k))} expected {json.dumps(v)}" for k, v in case["expected"].items()
                    if k not in got or got[k] != v]
        problems += [f"rule {r} did not fire" for r in case.get("rules", []) if r not in ids]
        problems += [f"no reason says {w!r}" for w in case.get("reason_contains", []) if w not in text]
        if problems:
            failures += 1
            print(f"  {peer.name} {case['id']}: " + "; ".join(problems))
        if verbose:
            print(f"  {peer.name} {case['id']}: {json.dumps(got)}")
            for t, i in fired:
                print(f"      {t} {model.rule_id(t, i)}: {model.reason(t, i, column)}")
    return failures


def rate(peer, cases, seconds):
    """Requests routed per second of process CPU time (as routing-rate counts, so that other work on a shared
    machine does not count against either side), each request's facts mapped to the inputs, then its tables.
    Runs for `seconds` of wall time."""
    facts = [c["facts"] for c in cases]
    n, start, cpu = 0, time.perf_counter(), time.process_time()
    while True:
        for f in facts:
            peer.decide(flatten(f))
        n += len(facts)
        if time.perf_counter() - start >= seconds:
            return n / (time.process_time() - cpu)


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
        wrong = [k for k, v in case["expected"].items() if k not in got or got[k] != v]
        if wrong:
            sys.exit(f"heeded {case['id']}: wrong {wrong}: {line}")
    return len(lines) / elapsed


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rules", default=os.path.join(repo, "Forms", "rules"), help="directory of .dmn files")
    ap.add_argument("--cases", nargs="+", default=[os.path.join(os.path.dirname(repo), "shared", "scenarios", "routing-examples.jsonl")],
                    help="JSON Lines files of {id, facts, expected[, rules, reason_contains]}")
    ap.add_argument("--seconds", type=float, default=3.0, help="how long to time each engine")
    ap.add_argument("--check-only", action="store_true", help="check the answers, do not time")
    ap.add_argument("--verbose", action="store_true", help="print each decision and the reasons")
    ap.add_argument("--heeded-rate", type=float, help="Heeded's rate in requests/s, from its own benchmark")
    ap.add_argument("--heeded-rate-file", help="a file whose first number is Heeded's rate in requests/s")
    ap.add_argument("--heeded-bin", help="a built `heeded` binary: time `heeded route --facts CASES.jsonl` too")
    ap.add_argument("--heeded-repetitions", type=int, default=2000, help="copies of the cases given to --heeded-bin")
    args = ap.parse_args()

    model = load_model(args.rules)
    cases = load_cases(args.cases)
    shown = [os.path.relpath(f, repo) if os.path.abspath(f).startswith(repo + os.sep) else f for f in model.files]
    print(f"rules: {', '.join(shown)}; "
          f"{CONCERN_DECISION} once per concern, then in order: {', '.join(model.order)}")
    concerns = sum(len(c["facts"]["concerns"]) for c in cases)
    print(f"cases: {len(cases)} ({concerns} concerns) from {', '.join(args.cases)}")

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

    rates = {peer.name: rate(peer, cases, args.seconds) for peer in peers}
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
        print(f"{name:<14} {r:>12,.0f} requests/s{ratio}")
    if not heeded:
        print("(heeded: pass --heeded-rate N, --heeded-rate-file FILE or --heeded-bin PATH to compare)")


if __name__ == "__main__":
    main()
