"""Connected components by large-star / small-star give what a plain union-find gives.

Each graph is given over 1, 3 and 7 partitions: the labels (the smallest id of each
component) must not depend on how the edges are spread. The long path in shuffled order
with shuffled names is the bad case for label propagation (as many rounds as the path is
long); the star, duplicate edges and self-loops, a single edge and non-ASCII ids are the
edge cases of the steps and of string order.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest

from unspin.engines.spark.components import connected_components

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

Edges = list[tuple[str, str]]

EDGE_SCHEMA = "a string, b string"


@pytest.fixture(autouse=True, scope="module")
def few_shuffle_partitions(spark: SparkSession) -> Iterator[None]:
    """Two shuffle partitions for these small graphs (one a core): each round is a few
    jobs, and every empty partition is a task that costs time and tests nothing."""
    before = spark.conf.get("spark.sql.shuffle.partitions")
    spark.conf.set("spark.sql.shuffle.partitions", "2")
    yield
    if before is None:
        spark.conf.unset("spark.sql.shuffle.partitions")
    else:
        spark.conf.set("spark.sql.shuffle.partitions", before)


def union_find(edges: Edges) -> dict[str, str]:
    """Each node of ``edges`` with the smallest id in its component."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        ra, rb = root(a), root(b)
        # The smaller root wins, so each root is its component's minimum.
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {node: root(node) for node in parent}


def labels_of(result: DataFrame) -> dict[str, str]:
    """``connected_components``'s rows as node -> label, checking there is one per node."""
    assert result.columns == ["node", "component"]
    rows = [(str(row.node), str(row.component)) for row in result.collect()]
    labels = dict(rows)
    assert len(labels) == len(rows), "one row per node"
    return labels


def random_graph() -> Edges:
    """400 nodes in several components of random sizes, random edges inside each (some
    repeated, some reversed), and a few isolated self-loops."""
    rng = random.Random(42)
    names = [f"doc/{i:04d}" for i in range(400)]
    rng.shuffle(names)
    edges: Edges = []
    start = 0
    while start < len(names):
        size = rng.randint(1, 60)
        group = names[start : start + size]
        start += size
        if len(group) == 1:
            edges.append((group[0], group[0]))
            continue
        # A random spanning tree keeps the group one component; extra edges add cycles.
        for i in range(1, len(group)):
            edges.append((group[i], group[rng.randrange(i)]))
        for _ in range(len(group) // 2):
            edges.append((rng.choice(group), rng.choice(group)))
    rng.shuffle(edges)
    return edges


def long_path() -> Edges:
    """A path of 2,000 nodes whose names are shuffled along it, its edges in shuffled order
    and direction."""
    rng = random.Random(7)
    names = [f"doc/{i:04d}" for i in range(2000)]
    rng.shuffle(names)
    edges = [
        (names[i], names[i + 1]) if rng.random() < 0.5 else (names[i + 1], names[i])
        for i in range(len(names) - 1)
    ]
    rng.shuffle(edges)
    return edges


def star() -> Edges:
    """A centre that is not the smallest id, with 200 leaves, and a second small star."""
    centre = "doc/0100"
    leaves = [f"doc/{i:04d}" for i in range(200) if i != 100]
    return [(centre, leaf) for leaf in leaves] + [("x/1", "x/0"), ("x/2", "x/0")]


def duplicates_and_self_loops() -> Edges:
    """Repeated and reversed edges, self-loops on connected nodes, and a node that appears
    only in a self-loop."""
    return [
        ("b", "a"),
        ("a", "b"),
        ("a", "b"),
        ("b", "b"),
        ("c", "b"),
        ("c", "c"),
        ("lonely", "lonely"),
        ("lonely", "lonely"),
        ("e", "d"),
        ("d", "e"),
    ]


def single_edge() -> Edges:
    return [("doc/2", "doc/1")]


def non_ascii() -> Edges:
    """Accents, Cyrillic, CJK and emoji beside ASCII; a pair whose order by UTF-16 code
    units (Java's String order) is not its code-point order; the same letter composed and
    decomposed, which must stay two nodes."""
    return [
        ("é", "e"),
        ("ж", "é"),
        ("日本", "ж"),
        ("😀", "日本"),
        ("Z", "😀"),
        # U+1D538 is a surrogate pair (D835 DD38) in UTF-16, which sorts it before U+FB00;
        # by code point and by UTF-8 bytes it comes after.
        ("𝔸", "ﬀ"),
        ("ü", "u\u0308"),
    ]


GRAPHS: dict[str, Callable[[], Edges]] = {
    "random": random_graph,
    "long-path": long_path,
    "star": star,
    "duplicates-and-self-loops": duplicates_and_self_loops,
    "single-edge": single_edge,
    "non-ascii": non_ascii,
}


@pytest.mark.parametrize("partitions", [1, 3, 7])
@pytest.mark.parametrize("graph", list(GRAPHS))
def test_components_equal_union_find(spark: SparkSession, graph: str, partitions: int) -> None:
    edges = GRAPHS[graph]()
    frame = spark.createDataFrame(edges, EDGE_SCHEMA).repartition(partitions)
    assert labels_of(connected_components(frame)) == union_find(edges)


def test_non_ascii_labels_are_code_point_minima(spark: SparkSession) -> None:
    """The label is Python's min: "Z" (U+005A) before the lower-case and non-ASCII ids,
    U+FB00 before U+1D538, and the decomposed "ü" (a "u" first) before the composed one."""
    labels = labels_of(connected_components(spark.createDataFrame(non_ascii(), EDGE_SCHEMA)))
    assert labels["😀"] == "Z"
    assert labels["𝔸"] == "ﬀ"
    assert labels["ü"] == "u\u0308"


def test_checkpoint_every_round(spark: SparkSession) -> None:
    """Checkpointing after every round (the plan cut each time) changes no label."""
    edges = random_graph()
    frame = spark.createDataFrame(edges, EDGE_SCHEMA)
    assert labels_of(connected_components(frame, checkpoint_every=1)) == union_find(edges)


def test_empty_edges_give_no_rows(spark: SparkSession) -> None:
    assert labels_of(connected_components(spark.createDataFrame([], EDGE_SCHEMA))) == {}


def test_checkpoint_every_must_be_positive(spark: SparkSession) -> None:
    with pytest.raises(ValueError, match="checkpoint_every"):
        connected_components(spark.createDataFrame([], EDGE_SCHEMA), checkpoint_every=0)
