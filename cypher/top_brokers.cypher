// Brokers: actors on many shortest paths (high betweenness) but with few direct contacts
// (low degree): broker_score = betweenness / degree. Uses the metrics written back by
// `actornet neo4j write-metrics`; only actors with betweenness >= $min_betweenness.
// :param min_betweenness => 0.01
// :param limit => 20
MATCH (a:Actor)
WHERE a.betweenness >= $min_betweenness AND a.degree > 0
RETURN a.name AS actor,
       [l IN labels(a) WHERE l <> "Actor"] AS kind,
       a.degree AS degree,
       round(a.betweenness, 4) AS betweenness,
       round(a.betweenness / a.degree, 5) AS broker_score,
       a.pagerank AS pagerank
ORDER BY broker_score DESC, actor
LIMIT $limit
