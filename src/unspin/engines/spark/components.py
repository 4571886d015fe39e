"""Connected components of an undirected graph held as a DataFrame of edges, by joins only.

The graph never comes to the driver (a corpus's links may not fit there), and GraphFrames
is not a dependency, so this is the alternating large-star / small-star algorithm of
Kiveris, Lattanzi, Mirrokni, Rastogi and Vassilvitskii, "Connected Components in MapReduce
and Beyond" (SoCC 2014), written as DataFrame group-bys and joins.

Each undirected edge is one row ``(x, y)`` with ``x < y``. For a node ``u``, its smaller
neighbours are the ``x`` of the rows ``(x, u)`` and its larger ones the ``y`` of the rows
``(u, y)``, so the minimum of its closed neighbourhood is the least ``x`` of the rows
ending at ``u`` (or ``u`` itself where none does):

- large-star links every larger neighbour ``v`` of ``u`` to that minimum: each row
  ``(u, v)`` becomes ``(m(u), v)``;
- small-star links ``u`` and its smaller neighbours to the minimum of those: each row
  ``(x, u)`` becomes ``(m(u), x)``, and the row whose ``x`` is ``m(u)`` itself stays
  ``(m(u), u)``.

Neither step loses a node nor joins two components, and the edge set stops changing only
when every component is a star around its smallest node; then each node's label is the
``x`` of its one row, and the centre (and a node with no edge but a self-loop) is its own.
"""

from __future__ import annotations

from pyspark import StorageLevel
from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F


def connected_components(edges: DataFrame, *, checkpoint_every: int = 4) -> DataFrame:
    """Each node of ``edges`` (string columns ``a``, ``b``) with its component's smallest id.

    Returns columns ``node``, ``component``: one row per node that some edge names (a
    self-loop makes its node one; a null is no node, and a row with one links nothing),
    where ``component`` is the smallest node id in the node's component, by code point.

    One round is a large-star then a small-star step; rounds repeat until one changes no
    edge, which costs one count per round. The paper bounds the alternating algorithm at
    O(log² n) rounds for n nodes in the worst case; in practice it takes a few (a path of
    2,000 nodes in shuffled order, the worst case for label propagation, takes about ten).
    Every ``checkpoint_every`` rounds the edges are checkpointed, reliably where the
    SparkContext has a checkpoint folder and locally otherwise, so that a long run's plan
    does not grow round after round; between checkpoints each round's edges are cached, so
    that the count and the next round read them instead of computing them again.

    The result is deterministic: every label is a minimum, and each step's output is a
    function of the edge set alone (no generated ids, no first-row-of-a-group, nothing that
    depends on how rows are partitioned). It comes back checkpointed, so that the frames
    made along the way can be released.
    """
    if checkpoint_every < 1:
        raise ValueError(f"checkpoint_every must be at least 1, not {checkpoint_every}")
    # Checkpointed, not cached: every round's plan holds the one before it more than once
    # (the large-star reads its edges twice, the change count both rounds), so the plan
    # behind the edges is printed many times over in each round's plan string. At
    # 50,000 documents the pairs' own plan made that string exhaust a 4 GB heap
    # ("OutOfMemoryError" in `explainString`, `python -m benchmarks.speed run --sizes 50000
    # --methods unspin-spark`).
    ends = _checkpointed(
        edges.select(_binary(F.col("a")).alias("a"), _binary(F.col("b")).alias("b")).where(
            F.col("a").isNotNull() | F.col("b").isNotNull()
        )
    )
    nodes = (
        ends.select(F.col("a").alias("node"))
        .union(ends.select(F.col("b").alias("node")))
        .where(F.col("node").isNotNull())
        .distinct()
    )
    current = _kept(
        ends.where(F.col("a").isNotNull() & F.col("b").isNotNull() & (F.col("a") != F.col("b")))
        .select(F.least("a", "b").alias("x"), F.greatest("a", "b").alias("y"))
        .transform(_by_end),
        checkpoint=False,
    )
    rounds = 0
    while True:
        rounds += 1
        stepped = _kept(
            _small_star(_large_star(current)), checkpoint=rounds % checkpoint_every == 0
        )
        changed = _changed(current, stepped)
        # The count above has read every partition of `stepped` into its cache or
        # checkpoint, so the frame it was made from is no longer needed.
        current.unpersist()
        current = stepped
        if changed == 0:
            break
    # At convergence each non-centre node ends exactly one row, whose x is its centre; min()
    # only says which value to take.
    centres = current.groupBy(F.col("y").alias("node")).agg(F.min("x").alias("centre"))
    labelled = nodes.join(centres, "node", "left").select(
        "node", F.coalesce("centre", "node").alias("component")
    )
    result = _checkpointed(labelled)
    current.unpersist()
    return result


def _binary(column: Column) -> Column:
    """``column`` compared byte by byte, whatever collation it came with.

    Spark's UTF8_BINARY order compares the UTF-8 bytes, unsigned; UTF-8 was designed so
    that byte order is code-point order for valid UTF-8, which is how Python compares str,
    so a component's Spark minimum is Python's ``min`` of its ids (a str that is not valid
    UTF-8, a lone surrogate, cannot reach Spark in the first place). A column with another
    collation (a case-insensitive one, say) would make ties of distinct ids, hence this.
    """
    return F.collate(column, "UTF8_BINARY")


def _large_star(edges: DataFrame) -> DataFrame:
    """Each row ``(u, v)`` becomes ``(m(u), v)``: ``m(u)``, the least of ``u`` and its
    smaller neighbours, is the least ``x`` of the rows ending at ``u``, or ``u``."""
    least = edges.groupBy(F.col("y").alias("u")).agg(F.min("x").alias("m"))
    # No distinct here: duplicate rows change no minimum in the small-star step, which
    # drops them; and the rows keep y, so they stay partitioned by it for that step.
    return edges.join(least, F.col("x") == F.col("u"), "left").select(
        F.coalesce("m", "x").alias("x"), F.col("y")
    )


def _small_star(edges: DataFrame) -> DataFrame:
    """Each row ``(x, u)`` becomes ``(m(u), x)``, ``m(u)`` being the least ``x`` of the rows
    ending at ``u``; the row ``(m(u), u)`` itself stays, keeping ``u`` on its star."""
    # A window rather than a group-by and a join: the rows come hashed on y (`_by_end`, and
    # the large-star keeps y), so the minimum is taken where they are, with no shuffle.
    least = F.min("x").over(Window.partitionBy("y"))
    return (
        edges.withColumn("m", least)
        .select(
            F.col("m").alias("x"),
            F.when(F.col("x") == F.col("m"), F.col("y")).otherwise(F.col("x")).alias("y"),
        )
        .transform(_by_end)
    )


def _by_end(edges: DataFrame) -> DataFrame:
    """``edges`` without repeated rows, partitioned by ``y``.

    The large-star's minima, the small-star's window, the distinct and the change count's
    group-by on ``(x, y)`` all group rows by ``y`` (or more), and a frame hashed on ``y`` is
    already grouped for each of them: one shuffle a round serves them all, besides the
    large-star's join on ``x``, where the distinct alone would hash on ``(x, y)`` and each
    of the others shuffle again.
    """
    return edges.repartition("y").distinct()


def _changed(before: DataFrame, after: DataFrame) -> int:
    """How many edges are in one of ``before`` and ``after`` but not the other, in one
    action: both hold distinct rows, so an edge counted once is in one of them only."""
    # A union and a group-by rather than a full outer join: both sides are hashed on y
    # (`_by_end`), which the group-by can use as it is, where the join would hash both
    # sides on (x, y) again.
    return before.unionByName(after).groupBy("x", "y").count().where(F.col("count") == 1).count()


def _kept(frame: DataFrame, *, checkpoint: bool) -> DataFrame:
    """``frame`` cached (filled by the next action that reads it), or checkpointed now,
    which also cuts its plan off from the rounds before."""
    if checkpoint:
        return _checkpointed(frame)
    return frame.persist(StorageLevel.MEMORY_AND_DISK)


def _checkpointed(frame: DataFrame) -> DataFrame:
    """``frame`` computed now and kept with no plan behind it: in the SparkContext's
    checkpoint folder where it has one (it survives a lost executor), else on the
    executors."""
    if frame.sparkSession.sparkContext.getCheckpointDir() is not None:
        return frame.checkpoint()
    return frame.localCheckpoint()
