// Timeline of one actor: every interaction (counterpart, direction, place, status, number of
// quotes) and every role, membership or parent body, in date order; undated items last.
// $actor is an actor id or its exact name.
// :param actor => "esmail-qaani"
CALL {
  MATCH (a:Actor)-[r:MET_WITH|VISITED|SIGNED_AGREEMENT|ATTACKED]-(other:Actor)
  WHERE a.id = $actor OR a.name = $actor
  OPTIONAL MATCH (pl:Actor {id: r.place})
  RETURN r.date AS date,
         null AS end_date,
         type(r) AS what,
         CASE WHEN startNode(r) = a THEN "->" ELSE "<-" END AS direction,
         other.name AS counterpart,
         pl.name AS place,
         r.status AS status,
         size(r.quotes) AS quotes,
         r.id AS relationship_id
  UNION ALL
  MATCH (a:Actor)-[h:HOLDS_ROLE|MEMBER_OF|PART_OF]-(other:Actor)
  WHERE a.id = $actor OR a.name = $actor
  RETURN h.start AS date,
         h.end AS end_date,
         type(h) + CASE WHEN h.title <> "" THEN " " + h.title ELSE "" END AS what,
         CASE WHEN startNode(h) = a THEN "->" ELSE "<-" END AS direction,
         other.name AS counterpart,
         null AS place,
         null AS status,
         0 AS quotes,
         h.key AS relationship_id
}
RETURN date, end_date, what, direction, counterpart, place, status, quotes, relationship_id
ORDER BY date, what
