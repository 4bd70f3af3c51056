// Contested claims: every claim a document makes with a status in $statuses (denied and
// unconfirmed by default), per document, with its quotes, and the other documents that
// give the same type, pair of actors and date another status (e.g. one report asserts a
// meeting another report denies). Reads the per-document Claim nodes, so a claim stays
// visible even when another document's stronger status wins on the merged relationship.
// :param statuses => ["denied", "unconfirmed"]
MATCH (c:Claim)-[:CLAIMED_IN]->(d:Document)
WHERE c.status IN $statuses
OPTIONAL MATCH (s:Actor {id: c.source})
OPTIONAL MATCH (t:Actor {id: c.target})
OPTIONAL MATCH (o:Claim {type: c.type})
WHERE o.status <> c.status
  AND coalesce(o.date, "") = coalesce(c.date, "")
  AND ((o.source = c.source AND o.target = c.target) OR (o.source = c.target AND o.target = c.source))
RETURN c.type AS type,
       coalesce(s.name, "Unknown actor") AS source,
       t.name AS target,
       c.date AS date,
       c.status AS status,
       d.id AS document,
       d.title AS title,
       c.quotes AS quotes,
       collect(DISTINCT o.document + ": " + o.status) AS contradicted_by
ORDER BY date, type, source
