//! The long explanation of every check: what it looks for, why it matters, how to fix it.

use super::Check;

pub(super) fn text(check: Check) -> &'static str {
    match check {
        Check::Gap => {
            r#"What it looks for: a kind listed in `[policy] required` (by default what, how,
strategy, execution, market, customers) that no role is accountable for on a scope. An entry
without `@SCOPE` covers every scope. Responsible or consulted roles do not close a gap.

Why it matters: the source document is a list of ownerships: the Product Manager defines the
what, the Project Manager the how, Product Marketing talks to the market, Marketing to the
customers. A responsibility nobody owns is decided by whoever shouts loudest, or by nobody.

How to fix it: make exactly one role accountable for the item. If someone is already responsible
for it (the message says who), that role is often the natural owner.

Example:
    [[role]]
    id = "pmm-checkout"
    title = "Product Marketing Manager, Checkout"
    owns = ["market@checkout"]
"#
        }
        Check::DuplicateOwner => {
            r#"What it looks for: a kind on a scope with two or more accountable roles (`owns`).
A role that names the same item twice still counts once.

Why it matters: accountability is the one RACI level that must not be shared. The source
document exists because companies confuse roles; two owners of the what (a product manager and a
product marketing manager, say) means two versions of the requirements and no one to settle them.

How to fix it: keep one owner; make the others responsible (they do the work) or consulted (they
are asked before the decision).

Example:
    [[role]]
    id = "pm-checkout"
    owns = ["what@checkout"]

    [[role]]
    id = "pmm-checkout"
    consulted = ["what@checkout"]    # was: owns
"#
        }
        Check::ReportingCycle => {
            r#"What it looks for: `reports_to` lines that come back to where they started:
a reports to b, b reports to c, c reports to a. The finding lists the cycle's roles in reporting
order. Dotted lines (`dotted_to`) are not reporting lines and never form a cycle.

Why it matters: a reporting chain must end at someone who decides. In a cycle, escalation never
ends, nobody is on top, and layers and spans cannot be measured (the roles of a cycle are left out
of the other hierarchy checks).

How to fix it: make one role of the cycle report outside it, or to nobody if it leads the company.

Example:
    [[role]]
    id = "vp-product"
    reports_to = "ceo"    # was: "head-of-product", which reports to vp-product
"#
        }
        Check::DuplicateRole => {
            r#"What it looks for: two or more roles with the same title (ignoring case and
spaces), or with exactly the same non-empty set of responsibilities (kind, scope and level).

Why it matters: twin roles are how role confusion starts: two "Product Manager" roles with the
same remit will each assume the other decides. Several people doing one job should fill one role.

How to fix it: merge the twins into one role filled by several people, or give each a title and a
set of responsibilities that say how it differs.

Example:
    [[role]]
    id = "pm"
    title = "Product Manager"
    owns = ["what", "strategy"]

    [[person]]
    id = "ana"
    fills = ["pm"]

    [[person]]
    id = "ben"
    fills = ["pm"]
"#
        }
        Check::IdleRole => {
            r#"What it looks for: a role that holds no responsibility at any RACI level and
has no direct reports.

Why it matters: a role is defined by what it is responsible for. One that neither holds anything
nor manages anyone is either missing from the model's RACI or missing from the organization's
purpose, and in both cases nobody can tell what it is for.

How to fix it: add what the role owns, does, or is consulted on; or remove it.

Example:
    [[role]]
    id = "business-analyst"
    title = "Business Analyst"
    responsible = ["what"]
"#
        }
        Check::MultipleRoots => {
            r#"What it looks for: more than one role without `reports_to`.

Why it matters: an organization chart with several tops has no one who settles a conflict
between them. It is also the usual sign of a typo in a `reports_to`, or of a part of the org that
was pasted in and never attached.

How to fix it: give every role but the top one a manager.

Example:
    [[role]]
    id = "vp-marketing"
    reports_to = "ceo"
"#
        }
        Check::WideSpan => {
            r#"What it looks for: a role with more than `[policy] max_span` direct reports
(default 10). Dotted lines do not count.

Why it matters: a manager with too many reports cannot coach them, review their work or notice
when two of them are doing the same job; decisions queue up.

How to fix it: add a layer of leads, split the team, or raise `max_span` if this span is a
deliberate choice (say, a team of senior individual contributors).

Example:
    [policy]
    max_span = 12
"#
        }
        Check::NarrowSpan => {
            r#"What it looks for: a role with exactly one direct report. Dotted lines do not
count.

Why it matters: a manager of one is a layer that mostly passes messages along; it slows decisions
and blurs who owns what between the two roles.

How to fix it: merge the two roles, have the single report move up a level, or give the manager
the team it is meant to have. Allow the check if your org uses such pairs on purpose.

Example:
    [checks]
    narrow-span = "allow"
"#
        }
        Check::DeepHierarchy => {
            r#"What it looks for: a reporting chain longer than `[policy] max_depth` layers
(default 8; the top role is layer 1). One finding is reported for each role at the first layer
past the limit.

Why it matters: every layer filters what reaches the top; deep chains make the product manager's
"what" travel far before it meets the engineers who build it.

How to fix it: remove layers that only pass work along, or raise `max_depth` for a very large
company.

Example:
    [policy]
    max_depth = 10
"#
        }
        Check::IcWithReports => {
            r#"What it looks for: a role with `track = "ic"` that has direct reports.

Why it matters: the source document draws this line itself: the Product Manager manages the
product as an individual contributor, the Engineering Manager manages people and resources. A
role that is both is usually a hidden management layer, or a track that was never updated.

How to fix it: set `track = "manager"`, or move the reports to a manager.

Example:
    [[role]]
    id = "lead-pm"
    track = "manager"
"#
        }
        Check::ManagerWithoutReports => {
            r#"What it looks for: a role with `track = "manager"` that nobody reports to.

Why it matters: a manager without a team is a title, not a role; either the team is missing from
the model or the role is really an individual contributor.

How to fix it: add the team's `reports_to` lines, or set `track = "ic"`.

Example:
    [[role]]
    id = "engineer"
    reports_to = "engineering-manager"
"#
        }
        Check::OverloadedPerson => {
            r#"What it looks for: a person who fills more than `[policy] max_hats` roles
(default 3).

Why it matters: in small companies one person wears several hats (the source document's comments
say so); past a few, the hats stop getting worn. The roles stay on the chart while the work
quietly stops.

How to fix it: hire for one of the roles or hand it to someone else; while the company is small
and this is deliberate, raise `max_hats`.

Example:
    [policy]
    max_hats = 4
"#
        }
        Check::UnfilledRole => {
            r#"What it looks for: a role that no person fills, in a model that declares people.
Models without any `[[person]]` are about roles alone and never get this finding.

Why it matters: responsibilities held by a vacant role are gaps in practice: nobody does the work
until the role is filled.

How to fix it: add the role to someone's `fills`, or remove it if it is not needed.

Example:
    [[person]]
    id = "carol"
    fills = ["pmm"]
"#
        }
        Check::ArchetypeDrift => {
            r#"What it looks for: a role with an `archetype` that owns a kind the canon gives to
another archetype, or that owns none of a kind its own archetype should own. The canon is the
built-in one (`orgraph archetypes`) or `--canon FILE`; a service company (`company = "service"`)
uses the archetypes' `service_owns`, and each archetype's `may_own` lists the kinds companies
legitimately move (the how may sit with engineering or a program manager).

Why it matters: this is the confusion the source document is about: a product manager who owns
the market, a project manager who owns the what. Every company may draw the lines its own way,
but it should do so on purpose: with its own canon.

How to fix it: move the kind to the role whose archetype owns it, change the role's archetype, or
write your company's canon and pass it with `--canon`.

Example:
    [[role]]
    id = "pm"
    archetype = "product-manager"
    owns = ["what", "strategy"]     # not "market": that is product marketing's
"#
        }
        Check::ConflictingLevels => {
            r#"What it looks for: one role that holds the same item (kind on a scope) twice:
the same entry twice, an entry for every scope and one for a single scope, or the item at two
RACI levels (say accountable and consulted).

Why it matters: a role has one relation to each item. Two levels make the RACI matrix
contradict itself, and usually hide an edit that was half done.

How to fix it: keep one entry for the item, at the level that is true.

Example:
    [[role]]
    id = "pm"
    owns = ["what"]
    consulted = ["market"]     # was also: "what@checkout"
"#
        }
        Check::OverloadedRole => {
            r#"What it looks for: a role accountable for more than `[policy] max_owned` items
(default 6), counting each kind on each scope once.

Why it matters: one owner of everything is a bottleneck: every decision waits for the same role,
and the org chart hides that the company really has one decision-maker.

How to fix it: hand some items to other roles (a product manager per product line, product
marketing for the market), or raise `max_owned` while the company is small.

Example:
    [[role]]
    id = "pm-payments"
    owns = ["what@payments", "strategy@payments"]
"#
        }
        Check::TooManyConsulted => {
            r#"What it looks for: an item with more than `[policy] max_consulted` consulted roles
(default 4). Allowed by default: turn it on with `--warn too-many-consulted` or in `[checks]`.

Why it matters: every consulted role is a conversation before a decision; past a handful, the
decision is made by committee and slowly.

How to fix it: consult the roles whose input changes the decision; keep the others informed.

Example:
    [[role]]
    id = "support-lead"
    informed = ["what@checkout"]    # was: consulted
"#
        }
    }
}
