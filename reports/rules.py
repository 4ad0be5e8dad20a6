"""Who may request, read, download and retry reports."""

import rules

from emulation.rules import is_office, is_own_unit_object, is_secretary, is_standing_member

from .enums import ReportKind


@rules.predicate
def is_unit_summary(user, report):
    return report is not None and report.kind == ReportKind.UNIT


reads_all_reports = is_office | is_standing_member
# A secretary reads only the per-unit summaries of his or her own unit (and its sub-units).
reads_report = reads_all_reports | (is_secretary & is_unit_summary & is_own_unit_object)

rules.add_perm("reports.view_reports", reads_all_reports | is_secretary)
rules.add_perm("reports.view_report", reads_report)
rules.add_perm("reports.request_report", reads_all_reports)
rules.add_perm("reports.retry_report", is_office)
