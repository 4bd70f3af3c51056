// Who met whom between $since and $until (inclusive ISO prefixes; a partial date such as
// "2021-11" counts when it overlaps the window), where, with what status, and who reported
// it (documents and cited sources). $actor narrows to one actor (id or exact name); "" = anyone.
// :param since => "2021-11-01"
// :param until => "2021-11-30"
// :param actor => ""
MATCH (a:Actor)-[r:MET_WITH]->(b:Actor)
WHERE r.date IS NOT NULL
  AND substring(r.date, 0, size($since)) >= substring($since, 0, size(r.date))
  AND substring(r.date, 0, size($until)) <= substring($until, 0, size(r.date))
  AND ($actor = "" OR $actor IN [a.id, a.name, b.id, b.name])
OPTIONAL MATCH (pl:Actor {id: r.place})
RETURN r.date AS date,
       a.name AS actor,
       b.name AS met,
       pl.name AS place,
       r.status AS status,
       r.mode AS mode,
       reduce(acc = [], d IN r.documents | CASE WHEN d IN acc THEN acc ELSE acc + d END) AS documents,
       [s IN r.cited_sources WHERE s <> ""] AS cited_sources,
       r.id AS relationship_id
ORDER BY date, actor, met
