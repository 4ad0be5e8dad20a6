"""The floor for the report's data gathering: one hand-written SQL statement computing the same figures.

It computes, for the whole Bloc and a period that closes a year (annual or term report): the overview of the
period and of the previous one, coverage by movement and by cluster, covenant signatures, completion by
criterion, by sector and by cluster, the full ranking inside each cluster and the full late-or-missing list,
exemplars by kind and initiatives by level, following the definitions in reports/data.py.
"""

from django.db import connection

TZ = "Asia/Ho_Chi_Minh"


def _scope(p):
    """CTEs of one period; p is the suffix of its parameters and names."""
    return f"""
u{p} AS (SELECT id, cluster_id, sector, name, path FROM emulation_unit
         WHERE is_active AND level IN ('committee', 'cell')),
pl{p} AS (SELECT id FROM campaigns_yearplan WHERE year BETWEEN %(y0{p})s AND %(y1{p})s),
pg{p} AS (SELECT p.id, p.unit_id, p.is_late FROM campaigns_pledge p JOIN u{p} ON u{p}.id = p.unit_id
          WHERE p.plan_id IN (SELECT id FROM pl{p}) AND p.state IN ('submitted', 'accepted', 'superseded')
          AND (p.submitted_at AT TIME ZONE '{TZ}')::date <= %(end{p})s),
rr{p} AS (SELECT r.id, r.unit_id, r.pledge_id, r.state, r.is_late, r.score, r.completion
          FROM campaigns_resultreport r JOIN u{p} ON u{p}.id = r.unit_id JOIN campaigns_yearplan y ON y.id = r.plan_id
          WHERE y.year BETWEEN %(y0{p})s AND %(y1{p})s AND r.period = 'year_end'
          AND r.state IN ('submitted', 'accepted')),
ov{p} AS (SELECT json_build_object(
  'units_total', (SELECT count(*) FROM u{p}),
  'pledged', (SELECT count(DISTINCT unit_id) FROM pg{p}),
  'covenants', (SELECT count(DISTINCT c.id) FROM campaigns_covenant c
                WHERE c.plan_id IN (SELECT id FROM pl{p}) AND c.cluster_id IN (SELECT cluster_id FROM u{p})),
  'signatures', (SELECT count(*) FROM campaigns_covenantsignature s JOIN campaigns_covenant c ON c.id = s.covenant_id
                 WHERE c.plan_id IN (SELECT id FROM pl{p}) AND s.unit_id IN (SELECT id FROM u{p})
                 AND (s.signed_at AT TIME ZONE '{TZ}')::date <= %(end{p})s),
  'results_filed', (SELECT count(DISTINCT unit_id) FROM rr{p}),
  'results_accepted', (SELECT count(DISTINCT unit_id) FROM rr{p} WHERE state = 'accepted'),
  'completion', (SELECT round(avg(completion), 1) FROM rr{p} WHERE state = 'accepted'),
  'score', (SELECT round(avg(score), 2) FROM rr{p} WHERE state = 'accepted'),
  'late', (SELECT count(*) FROM u{p} WHERE id IN (SELECT unit_id FROM pg{p} WHERE is_late)
           OR id IN (SELECT unit_id FROM rr{p} WHERE is_late)),
  'exemplars', (SELECT count(*) FROM campaigns_exemplar e JOIN emulation_unit a ON a.id = e.unit_id AND a.is_active
                WHERE (e.created_at AT TIME ZONE '{TZ}')::date BETWEEN %(start{p})s AND %(end{p})s),
  'initiatives', (SELECT count(*) FROM campaigns_initiative i JOIN emulation_unit a ON a.id = i.unit_id AND a.is_active
                  WHERE i.state = 'recognized' AND i.recognized_on BETWEEN %(start{p})s AND %(end{p})s)
) AS j)"""  # noqa: S608 - fixed names and suffixes; every value is a parameter


SQL = (
    "WITH"  # noqa: S608 - fixed SQL; every value is a parameter
    + _scope("")
    + ","
    + _scope("_prev")
    + f""",
ac AS (SELECT * FROM rr WHERE state = 'accepted'),
due AS (SELECT registration_deadline <= %(end)s AS pledge_due, year_end_deadline <= %(end)s AS result_due
        FROM campaigns_yearplan WHERE year = %(y1)s),
unit_scores AS (SELECT unit_id, avg(score) AS s, avg(completion) AS c FROM ac GROUP BY unit_id),
pflags AS (SELECT unit_id, bool_or(is_late) AS late FROM pg GROUP BY unit_id),
rflags AS (SELECT unit_id, bool_or(is_late) AS late FROM rr GROUP BY unit_id),
members AS (SELECT cluster_id, count(*) AS n FROM u GROUP BY cluster_id),
signed AS (SELECT s.covenant_id, count(*) AS n FROM campaigns_covenantsignature s JOIN u ON u.id = s.unit_id
           WHERE (s.signed_at AT TIME ZONE '{TZ}')::date <= %(end)s GROUP BY s.covenant_id),
targets AS (SELECT t.criterion_id, sum(t.value) AS total FROM campaigns_pledgetarget t
            JOIN (SELECT DISTINCT pledge_id FROM ac) a ON a.pledge_id = t.pledge_id GROUP BY t.criterion_id),
late_rows AS (
  SELECT u.name, coalesce(cl.name, '') AS cluster, u.path,
         pf.unit_id IS NOT NULL AS has_pledge, rf.unit_id IS NOT NULL AS has_result,
         coalesce(pf.late, false) OR coalesce(rf.late, false) AS was_late
  FROM u LEFT JOIN pflags pf ON pf.unit_id = u.id LEFT JOIN rflags rf ON rf.unit_id = u.id
  LEFT JOIN emulation_cluster cl ON cl.id = u.cluster_id)
SELECT json_build_object(
 'overview', (SELECT j FROM ov),
 'previous', (SELECT j FROM ov_prev),
 'movements', (SELECT json_agg(x) FROM (
    SELECT t.name AS term, m.number, m.name,
           (SELECT count(DISTINCT pg.unit_id) FROM campaigns_pledge_movements pm JOIN pg ON pg.id = pm.pledge_id
            WHERE pm.movement_id = m.id) AS units
    FROM campaigns_movement m JOIN campaigns_term t ON t.id = m.term_id
    WHERE m.id IN (SELECT movement_id FROM campaigns_yearplan_movements WHERE yearplan_id IN (SELECT id FROM pl))
    ORDER BY t.start_year, m.number) x),
 'clusters', (SELECT json_agg(x) FROM (
    SELECT cl.name, count(*) AS units, count(*) FILTER (WHERE u.id IN (SELECT unit_id FROM pg)) AS pledged
    FROM u LEFT JOIN emulation_cluster cl ON cl.id = u.cluster_id GROUP BY cl.name ORDER BY cl.name) x),
 'covenants', (SELECT json_agg(x) FROM (
    SELECT y.year, cl.name, c.title, c.state, m.n AS members, coalesce(sg.n, 0) AS signed
    FROM campaigns_covenant c JOIN campaigns_yearplan y ON y.id = c.plan_id JOIN emulation_cluster cl ON cl.id = c.cluster_id
    JOIN members m ON m.cluster_id = c.cluster_id LEFT JOIN signed sg ON sg.covenant_id = c.id
    WHERE c.plan_id IN (SELECT id FROM pl)
    ORDER BY y.year, cl.name) x),
 'criteria', (SELECT json_agg(x) FROM (
    SELECT y.year, cr.code, cr.name, cr.measure_unit, count(DISTINCT ac.unit_id) AS units,
           (SELECT total FROM targets WHERE targets.criterion_id = cr.id) AS target,
           sum(v.achieved) AS achieved, round(avg(v.completion), 1) AS completion,
           count(*) FILTER (WHERE v.completion >= 100) AS reached
    FROM campaigns_resultvalue v JOIN ac ON ac.id = v.report_id JOIN campaigns_criterion cr ON cr.id = v.criterion_id
    JOIN campaigns_yearplan y ON y.id = cr.plan_id
    GROUP BY cr.id, y.year ORDER BY y.year, cr."order", cr.code) x),
 'sectors', (SELECT json_agg(x) FROM (
    SELECT u.sector, count(DISTINCT ac.unit_id) AS units, round(avg(ac.completion), 1) AS completion,
           round(avg(ac.score), 2) AS score, count(DISTINCT ac.unit_id) FILTER (WHERE ac.completion >= 100) AS reached
    FROM ac JOIN u ON u.id = ac.unit_id GROUP BY u.sector ORDER BY u.sector) x),
 'cluster_results', (SELECT json_agg(x) FROM (
    SELECT cl.name, count(DISTINCT ac.unit_id) AS units, round(avg(ac.completion), 1) AS completion,
           round(avg(ac.score), 2) AS score, count(DISTINCT ac.unit_id) FILTER (WHERE ac.completion >= 100) AS reached
    FROM ac JOIN u ON u.id = ac.unit_id LEFT JOIN emulation_cluster cl ON cl.id = u.cluster_id
    GROUP BY cl.name ORDER BY cl.name) x),
 'rankings', (SELECT json_agg(x) FROM (
    SELECT cl.name AS cluster,
           row_number() OVER (PARTITION BY cl.name ORDER BY us.s DESC NULLS LAST, u.name) AS rank,
           u.name, round(us.s, 2) AS score, round(us.c, 1) AS completion
    FROM unit_scores us JOIN u ON u.id = us.unit_id LEFT JOIN emulation_cluster cl ON cl.id = u.cluster_id
    ORDER BY cl.name, rank) x),
 'exemplars', (SELECT json_agg(x) FROM (
    SELECT e.kind, count(*) AS total, count(*) FILTER (WHERE e.state IN ('verified', 'published')) AS verified,
           count(*) FILTER (WHERE e.state = 'published') AS published
    FROM campaigns_exemplar e JOIN emulation_unit a ON a.id = e.unit_id AND a.is_active
    WHERE (e.created_at AT TIME ZONE '{TZ}')::date BETWEEN %(start)s AND %(end)s GROUP BY e.kind) x),
 'initiatives', (SELECT json_agg(x) FROM (
    SELECT i.recognition_level, count(*) AS n FROM campaigns_initiative i
    JOIN emulation_unit a ON a.id = i.unit_id AND a.is_active
    WHERE i.state = 'recognized' AND i.recognized_on BETWEEN %(start)s AND %(end)s GROUP BY i.recognition_level) x),
 'initiatives_proposed', (SELECT count(*) FROM campaigns_initiative i JOIN emulation_unit a ON a.id = i.unit_id AND a.is_active
    WHERE (i.created_at AT TIME ZONE '{TZ}')::date BETWEEN %(start)s AND %(end)s),
 'late', (SELECT json_agg(x) FROM (
    SELECT l.name, l.cluster, l.has_pledge, l.has_result, l.was_late FROM late_rows l, due
    WHERE l.was_late OR (due.pledge_due AND NOT l.has_pledge) OR (due.result_due AND NOT l.has_result)
    ORDER BY l.path) x)
)"""  # noqa: S608 - fixed SQL; every value is a parameter
)


def run(*, start, end, prev_start, prev_end):
    params = {
        "start": start,
        "end": end,
        "y0": start.year,
        "y1": end.year,
        "start_prev": prev_start,
        "end_prev": prev_end,
        "y0_prev": prev_start.year,
        "y1_prev": prev_end.year,
    }
    with connection.cursor() as cursor:
        cursor.execute(SQL, params)
        return cursor.fetchone()[0]
