#!/usr/bin/env python3
"""A reference checker for `orgraph check --format json`, written the way straightforward Python
would: the model through the `json` module, the checks as loops over dicts and lists, the report
through `json.dump`. It exists so that benches/end_to_end.rs can compare orgraph's speed with a
script measured in the same run (issue 14); it is not part of orgraph.

It runs the same checks with the same rules as orgraph's default levels (the model's `[checks]`
applied) and writes one JSON object in the shape of SPEC section 4, findings sorted the same way.
It validates references but not every field; JSON models only; locations are null (the `json`
module keeps no positions). The bench compares its counts of findings per check with orgraph's.

Usage: reference_checker.py MODEL.json [--canon CANON.json]   (canon: `orgraph archetypes --format json`)
"""

import json
import sys
from collections import defaultdict

BUILTIN_KINDS = ["what", "how", "strategy", "execution", "market", "customers"]
DEFAULT_LEVELS = {
    "gap": "deny",
    "duplicate-owner": "deny",
    "reporting-cycle": "deny",
    "duplicate-role": "warn",
    "idle-role": "warn",
    "multiple-roots": "warn",
    "wide-span": "warn",
    "narrow-span": "warn",
    "deep-hierarchy": "warn",
    "ic-with-reports": "warn",
    "manager-without-reports": "warn",
    "overloaded-person": "warn",
    "unfilled-role": "warn",
    "archetype-drift": "warn",
    "conflicting-levels": "warn",
    "overloaded-role": "warn",
    "too-many-consulted": "allow",
}
LEVEL_FIELDS = [
    ("owns", "accountable"),
    ("responsible", "responsible"),
    ("consulted", "consulted"),
    ("informed", "informed"),
]


def id_list(ids):
    ids = list(ids)
    shown = ["`%s`" % i for i in ids[:5]]
    more = len(ids) - len(shown)
    if more:
        return "%s and %d more" % (", ".join(shown), more)
    if len(shown) == 1:
        return shown[0]
    return "%s and %s" % (", ".join(shown[:-1]), shown[-1])


def finding(code, message, roles=(), people=(), scope=None, kind=None):
    return {
        "code": code,
        "level": None,
        "message": message,
        "roles": list(roles),
        "scope": scope,
        "kind": kind,
        "people": list(people),
        "location": None,
    }


def check(model, canon):
    policy = {
        "required": list(BUILTIN_KINDS),
        "max_span": 10,
        "max_depth": 8,
        "max_hats": 3,
        "max_owned": 6,
        "max_consulted": 4,
    }
    policy.update(model.get("policy", {}))
    kinds = list(BUILTIN_KINDS)
    for kind in model.get("kind", []):
        if kind["id"] not in kinds:
            kinds.append(kind["id"])
    scopes = [scope["id"] for scope in model.get("scope", [])] or ["product"]
    roles = model.get("role", [])
    people = model.get("person", [])
    by_id = {role["id"]: role for role in roles}
    position = {role["id"]: i for i, role in enumerate(roles)}

    # Every role's holdings as (kind, scope, level); an entry without @ covers every scope.
    held = {}
    for role in roles:
        entries = []
        for field, level in LEVEL_FIELDS:
            for entry in role.get(field, []):
                kind, _, scope = entry.partition("@")
                if kind not in kinds or (scope and scope not in scopes):
                    sys.exit("unknown kind or scope in %r" % entry)
                for s in [scope] if scope else scopes:
                    entries.append((kind, s, level))
        held[role["id"]] = entries
    reports = defaultdict(list)
    for role in roles:
        manager = role.get("reports_to")
        if manager is not None:
            if manager not in by_id:
                sys.exit("unknown role %r" % manager)
            reports[manager].append(role["id"])
    fillers = defaultdict(list)
    for person in people:
        for role in person.get("fills", []):
            if role not in by_id:
                sys.exit("unknown role %r" % role)
            if person["id"] not in fillers[role]:
                fillers[role].append(person["id"])

    items = defaultdict(list)
    for role in roles:
        for kind, scope, level in held[role["id"]]:
            items[(kind, scope)].append((role["id"], level))

    def holders(item, level):
        found = {}
        for role, held_level in items.get(item, []):
            if held_level == level:
                found[role] = True
        return list(found)

    out = []
    for scope in scopes:
        for kind in policy["required"]:
            if not holders((kind, scope), "accountable"):
                out.append(
                    finding("gap", "nobody is accountable for `%s` on `%s`" % (kind, scope), scope=scope, kind=kind)
                )
    for kind, scope in items:
        owners = holders((kind, scope), "accountable")
        if len(owners) > 1:
            message = "`%s@%s` has %d accountable roles: %s" % (kind, scope, len(owners), id_list(owners))
            out.append(finding("duplicate-owner", message, owners, scope=scope, kind=kind))
        consulted = holders((kind, scope), "consulted")
        if len(consulted) > policy["max_consulted"]:
            message = "`%s@%s` has %d consulted roles, more than max_consulted %d: %s" % (
                kind,
                scope,
                len(consulted),
                policy["max_consulted"],
                id_list(consulted),
            )
            out.append(finding("too-many-consulted", message, consulted, scope=scope, kind=kind))

    # Reporting cycles: follow managers from each role not yet visited.
    state = {}
    for role in roles:
        path = []
        current = role["id"]
        while current is not None and current not in state:
            state[current] = "on path"
            path.append(current)
            current = by_id[current].get("reports_to")
        if current is not None and state[current] == "on path":
            cycle = path[path.index(current) :]
            start = min(cycle, key=position.get)
            cycle = cycle[cycle.index(start) :] + cycle[: cycle.index(start)]
            chain = " -> ".join(cycle + [cycle[0]])
            out.append(finding("reporting-cycle", "reporting lines form a cycle: %s" % chain, cycle))
        for r in path:
            state[r] = "done"

    roots = [role["id"] for role in roles if role.get("reports_to") is None]
    if len(roots) > 1:
        out.append(finding("multiple-roots", "%d roles report to nobody: %s" % (len(roots), id_list(roots)), roots))

    layer = {}
    stack = [(root, 1) for root in roots]
    while stack:
        role, depth = stack.pop()
        layer[role] = depth
        stack.extend((report, depth + 1) for report in reports[role])

    for role in roles:
        rid = role["id"]
        count = len(reports[rid])
        if count > policy["max_span"]:
            message = "`%s` has %d direct reports, more than max_span %d" % (rid, count, policy["max_span"])
            out.append(finding("wide-span", message, [rid]))
        if count == 1:
            message = "`%s` has one direct report, `%s`: a layer that adds little" % (rid, reports[rid][0])
            out.append(finding("narrow-span", message, [rid]))
        if layer.get(rid) == policy["max_depth"] + 1:
            message = "`%s` is at layer %d, deeper than max_depth %d" % (
                rid,
                policy["max_depth"] + 1,
                policy["max_depth"],
            )
            out.append(finding("deep-hierarchy", message, [rid]))
        if role.get("track") == "ic" and count > 0:
            message = '`%s` is an individual contributor (track = "ic") but has %d direct report%s' % (
                rid,
                count,
                "" if count == 1 else "s",
            )
            out.append(finding("ic-with-reports", message, [rid]))
        if role.get("track") == "manager" and count == 0:
            message = "`%s` is on the manager track but nobody reports to it" % rid
            out.append(finding("manager-without-reports", message, [rid]))
        if not held[rid] and count == 0:
            message = "`%s` holds no responsibility and has no direct reports" % rid
            out.append(finding("idle-role", message, [rid]))
        if people and not fillers[rid]:
            out.append(finding("unfilled-role", "nobody fills `%s`" % rid, [rid]))

        seen = defaultdict(list)
        for kind, scope, level in held[rid]:
            seen[(kind, scope)].append(level)
        for (kind, scope), levels in seen.items():
            if len(levels) > 1:
                if len(set(levels)) == 1:
                    message = "`%s` holds `%s@%s` %d times as %s" % (rid, kind, scope, len(levels), levels[0])
                else:
                    message = "`%s` holds `%s@%s` at several levels: %s" % (rid, kind, scope, ", ".join(levels))
                out.append(finding("conflicting-levels", message, [rid], scope=scope, kind=kind))
        owned = {(kind, scope) for kind, scope, level in held[rid] if level == "accountable"}
        if len(owned) > policy["max_owned"]:
            message = "`%s` is accountable for %d items, more than max_owned %d" % (rid, len(owned), policy["max_owned"])
            out.append(finding("overloaded-role", message, [rid]))

        archetype = canon.get(role.get("archetype"))
        if archetype:
            owns = archetype["owns"]
            fits = owns + archetype.get("may_own", [])
            owned_kinds = []
            for kind, _, level in held[rid]:
                if level == "accountable" and kind not in owned_kinds:
                    owned_kinds.append(kind)
            for kind in owned_kinds:
                others = [a for a in canon.values() if kind in a["owns"] and a["id"] != archetype["id"]]
                if kind not in fits and others:
                    message = "`%s` (%s) owns `%s`, which the canon gives to %s" % (
                        rid,
                        archetype["id"],
                        kind,
                        " or ".join(a["id"] for a in others),
                    )
                    out.append(finding("archetype-drift", message, [rid], kind=kind))
            for kind in owns:
                if kind in kinds and kind not in owned_kinds:
                    message = "`%s` (%s) owns no `%s`, which the canon gives to its archetype" % (
                        rid,
                        archetype["id"],
                        kind,
                    )
                    out.append(finding("archetype-drift", message, [rid], kind=kind))

    for person in people:
        hats = []
        for role in person.get("fills", []):
            if role not in hats:
                hats.append(role)
        if len(hats) > policy["max_hats"]:
            message = "`%s` fills %d roles, more than max_hats %d: %s" % (
                person["id"],
                len(hats),
                policy["max_hats"],
                id_list(hats),
            )
            out.append(finding("overloaded-person", message, people=[person["id"]]))

    title_groups = defaultdict(list)
    held_groups = defaultdict(list)
    for role in roles:
        title_groups["".join(role["title"].split()).lower()].append(role["id"])
        key = tuple(sorted(set(held[role["id"]])))
        if key:
            held_groups[key].append(role["id"])
    by_title = [group for group in title_groups.values() if len(group) > 1]
    titled = {tuple(group) for group in by_title}
    for group in held_groups.values():
        if len(group) > 1 and tuple(group) not in titled:
            message = "%s hold exactly the same responsibilities" % id_list(group)
            out.append(finding("duplicate-role", message, group))
    for group in by_title:
        message = '%s share the title "%s"' % (id_list(group), by_id[group[0]]["title"])
        out.append(finding("duplicate-role", message, group))

    levels = dict(DEFAULT_LEVELS)
    levels.update(model.get("checks", {}))
    kept = []
    for f in out:
        level = levels[f["code"]]
        if level != "allow":
            f["level"] = level
            kept.append(f)

    def subject(f):
        if f["kind"] is not None and f["scope"] is not None:
            return "%s@%s" % (f["kind"], f["scope"])
        return ",".join(sorted(f["people"] or f["roles"]))

    kept.sort(key=lambda f: (f["code"], subject(f), f["kind"] or "", f["message"]))
    deny = sum(1 for f in kept if f["level"] == "deny")
    return kept, {"deny": deny, "warn": len(kept) - deny}


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--canon"):
        sys.exit(__doc__.strip().splitlines()[-1])
    with open(argv[1], encoding="utf-8-sig") as file:
        model = json.load(file)
    canon = {}
    if len(argv) == 4:
        with open(argv[3], encoding="utf-8") as file:
            canon = json.load(file)["archetypes"]
    findings, summary = check(model, canon)
    json.dump({"model": argv[1], "findings": findings, "summary": summary}, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 1 if summary["deny"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
