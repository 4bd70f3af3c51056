// Evidence behind one relationship: every quote with its document (id, title), section,
// character offsets and cited source. $rel_id is the relationship's `id` property, as
// returned by met_with_in_window.cypher or actor_timeline.cypher (the example: Qaani and
// al-Kadhimi, 18 November 2020, in the bundled seed reports).
// :param rel_id => "met_with-49f0b9451caa"
MATCH (s:Actor)-[r:MET_WITH|VISITED|SIGNED_AGREEMENT|ATTACKED]->(t:Actor)
WHERE r.id = $rel_id
UNWIND range(0, size(r.quotes) - 1) AS i
OPTIONAL MATCH (d:Document {id: r.documents[i]})
RETURN type(r) AS type,
       s.name AS source,
       t.name AS target,
       r.date AS date,
       r.status AS status,
       r.documents[i] AS document,
       d.title AS title,
       r.sections[i] AS section,
       r.starts[i] AS start_offset,
       r.ends[i] AS end_offset,
       r.quotes[i] AS quote,
       r.cited_sources[i] AS cited_source
ORDER BY document, start_offset
