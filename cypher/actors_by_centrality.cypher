// Actors ranked by one metric written back by `actornet neo4j write-metrics`:
// $metric is one of degree, weighted_degree, betweenness, pagerank.
// :param metric => "pagerank"
// :param limit => 25
MATCH (a:Actor)
WHERE a[$metric] IS NOT NULL
RETURN a.name AS actor,
       [l IN labels(a) WHERE l <> "Actor"] AS kind,
       a.country AS country,
       a[$metric] AS score,
       a.degree AS degree,
       a.betweenness AS betweenness,
       a.pagerank AS pagerank
ORDER BY score DESC, actor
LIMIT $limit
