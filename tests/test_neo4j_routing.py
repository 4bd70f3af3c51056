"""`neo4j://` URIs: the routing driver, reads sent as reads, NEO4J_DATABASE honoured.

Against the live server (NEO4J_URI; `.ci/run` gives a `neo4j://` one). A single server
answers the routing request with itself as router, reader and writer, so what can be
checked here is that everything works through the routing driver and that the store's
read path runs in read access mode (a server refuses a write there, as a cluster's
secondaries would).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j.exceptions import ClientError

from actornet.store.base import StoreError
from actornet.store.neo4j import Neo4jStore, _rows
from conftest import neo4j_env, open_live
from factories import sample_extractions

pytestmark = pytest.mark.neo4j


def routed_uri() -> str:
    """The live server's URI with the routing scheme (neo4j:// or neo4j+s://)."""
    uri = neo4j_env()["NEO4J_URI"]
    scheme, _, rest = uri.partition("://")
    return uri if scheme.startswith("neo4j") else f"neo4j://{rest}"


@pytest.fixture
def routed(neo4j_schema: None) -> Iterator[Neo4jStore]:
    """An empty store on the live server, connected with a neo4j:// URI."""
    open_live().close()  # emptied
    env = neo4j_env()
    store = Neo4jStore(
        routed_uri(), env["NEO4J_USER"], env["NEO4J_PASSWORD"], env["NEO4J_DATABASE"] or None
    )
    try:
        yield store
    finally:
        store.wipe()
        store.close()


def test_a_routed_store_writes_and_reads_back(routed: Neo4jStore) -> None:
    """A load through the routing driver, read right after (same bookmarks)."""
    extractions = sample_extractions()
    for extraction in extractions:
        routed.replace_document(extraction)
    assert routed.uri.startswith("neo4j")
    listed = {a.id for e in extractions for a in e.actors}
    assert {a.id for a in routed.actors()} == listed
    interactions = routed.interactions()
    assert interactions
    assert {i.id for i in interactions} == {i.id for e in extractions for i in e.interactions}
    assert routed.counts()["documents"] == len(extractions)


def test_reads_run_in_read_access_mode(routed: Neo4jStore) -> None:
    """The store's read path is a read transaction: the server refuses a write in it."""
    with pytest.raises(StoreError, match=r"(?i)read access"):
        routed._read(_rows, "CREATE (n:RoutingProbe) RETURN n")
    with routed.session(read=True) as session, pytest.raises(ClientError, match=r"(?i)read access"):
        session.run("CREATE (n:RoutingProbe) RETURN n").consume()
    with routed.session() as session:
        assert session.run("MATCH (n:RoutingProbe) RETURN count(n) AS n").single()["n"] == 0


def test_a_missing_database_is_one_line(neo4j_schema: None) -> None:
    """NEO4J_DATABASE is the database of every routed session: a missing one is named."""
    env = neo4j_env()
    with pytest.raises(StoreError, match="has no database 'no-such-db'") as err:
        Neo4jStore(routed_uri(), env["NEO4J_USER"], env["NEO4J_PASSWORD"], "no-such-db")
    assert "\n" not in str(err.value)
    assert env["NEO4J_PASSWORD"] not in str(err.value)
