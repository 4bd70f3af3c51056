// Tehran to proxies: which chains of interactions and affiliations link the Iranian state
// apparatus to proxy groups, hop by hop, with dates? Shortest chains first, up to 4 hops.
// Start set ("Tehran" = the state, not the city): the Country node with code $country or
// name $country_name, and every actor with state = true and country = $country (IRGC,
// Qods Force, ministries, the SNSC and their officials).
// End set: actors with proxy = true (non-state armed groups described as Iranian-backed).
// Paths never pass through places or the "unknown" placeholder; denied claims are skipped.
// For other sets, replace the two WHERE clauses (e.g. `src.id IN ["qods-force"]`).
// :param country => "IRN"
// :param country_name => "Iran"
MATCH (src:Actor)
WHERE (src:Country AND (src.country = $country OR src.name = $country_name))
   OR (src.state = true AND src.country = $country)
MATCH p = (src)-[:MET_WITH|VISITED|SIGNED_AGREEMENT|ATTACKED|HOLDS_ROLE|MEMBER_OF|PART_OF*1..4]-(dst:Actor)
WHERE dst.proxy = true AND dst <> src
  AND NONE(n IN nodes(p)[1..-1] WHERE n:Place OR n.id = "unknown")
  AND ALL(r IN relationships(p) WHERE coalesce(r.status, "asserted") <> "denied")
RETURN p,
       length(p) AS hops,
       src.name AS from_actor,
       dst.name AS to_proxy,
       [r IN relationships(p) | type(r) + coalesce(" " + r.date, coalesce(" " + r.start, ""))] AS steps
ORDER BY hops, from_actor, to_proxy
LIMIT 200
