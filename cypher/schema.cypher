// actornet schema for Neo4j 5.13 to 5.26 LTS: constraints and indexes, all idempotent.
// Applied by `actornet neo4j schema` and before every `actornet neo4j load`.
// One statement per semicolon; comment lines are skipped.
//
// Full-text search runs over `name` and `search_text` (name and aliases joined into one
// string, written by the loader): a plain STRING property, indexable on every Neo4j 5.
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT claim_key IF NOT EXISTS FOR (c:Claim) REQUIRE c.key IS UNIQUE;
CREATE INDEX claim_interaction_id IF NOT EXISTS FOR (c:Claim) ON (c.interaction_id);
CREATE INDEX claim_document IF NOT EXISTS FOR (c:Claim) ON (c.document);
CREATE INDEX claim_place IF NOT EXISTS FOR (c:Claim) ON (c.place);
CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name);
CREATE INDEX actor_country IF NOT EXISTS FOR (a:Actor) ON (a.country);
CREATE INDEX met_with_id IF NOT EXISTS FOR ()-[r:MET_WITH]-() ON (r.id);
CREATE INDEX visited_id IF NOT EXISTS FOR ()-[r:VISITED]-() ON (r.id);
CREATE INDEX signed_agreement_id IF NOT EXISTS FOR ()-[r:SIGNED_AGREEMENT]-() ON (r.id);
CREATE INDEX attacked_id IF NOT EXISTS FOR ()-[r:ATTACKED]-() ON (r.id);
CREATE INDEX met_with_date IF NOT EXISTS FOR ()-[r:MET_WITH]-() ON (r.date);
CREATE INDEX holds_role_key IF NOT EXISTS FOR ()-[r:HOLDS_ROLE]-() ON (r.key);
CREATE INDEX member_of_key IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.key);
CREATE INDEX part_of_key IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.key);
CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.search_text];
