package io.qianmian.serving.catalog;

import io.qianmian.trainer.model.ScoredItems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsScorer;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * Item factors in a Lucene HNSW graph, searched by maximum inner product: the candidates of users
 * whose precomputed lists are stale (or whose live session moved on), and an item's neighbors in
 * factor space. Approximate by design — the request path never scores the whole catalog. Immutable
 * and thread-safe once built; building takes seconds per hundred thousand items, so the server
 * builds it off the request path.
 *
 * <p>Graph and vectors stay on the heap as Lucene's graph builder made them (no index, no codec):
 * a search reads each vector straight from its {@code float[]}, where reading it back out of an
 * in-memory index copied it from byte buffers first — most of a search's time.
 */
public final class ItemVectors {
  private static final FlatVectorsScorer SCORER = FlatVectorScorerUtil.getLucene99FlatVectorsScorer();
  private static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
  private static final long SEED = 42;

  private final FloatVectorValues vectors;
  private final OnHeapHnswGraph graph;
  private final int[] itemOfNode;
  private final int rank;

  private ItemVectors(FloatVectorValues vectors, OnHeapHnswGraph graph, int[] itemOfNode, int rank) {
    this.vectors = vectors;
    this.graph = graph;
    this.itemOfNode = itemOfNode;
    this.rank = rank;
  }

  /**
   * Builds the graph.
   *
   * @param rank factor length (&gt; 0)
   * @param itemFactors item vectors row-major; items whose vector is all zeros (never seen in
   *     training) are left out
   * @param maxConn HNSW links per node
   * @param beamWidth HNSW candidates considered per insertion (quality against build time)
   */
  public static ItemVectors build(int rank, float[] itemFactors, int maxConn, int beamWidth) {
    if (rank <= 0 || itemFactors.length % rank != 0) {
      throw new IllegalArgumentException("rank " + rank + " does not divide " + itemFactors.length + " factor values");
    }
    int items = itemFactors.length / rank;
    List<float[]> kept = new ArrayList<>();
    int[] itemOfNode = new int[items];
    for (int i = 0; i < items; i++) {
      float[] v = Arrays.copyOfRange(itemFactors, i * rank, (i + 1) * rank);
      if (!isZero(v)) {
        itemOfNode[kept.size()] = i;
        kept.add(v);
      }
    }
    FloatVectorValues vectors = FloatVectorValues.fromFloats(kept, rank);
    try {
      OnHeapHnswGraph graph = kept.isEmpty()
          ? null
          : HnswGraphBuilder.create(SCORER.getRandomVectorScorerSupplier(SIMILARITY, vectors), maxConn, beamWidth, SEED)
              .build(kept.size());
      return new ItemVectors(vectors, graph, Arrays.copyOf(itemOfNode, kept.size()), rank);
    } catch (IOException e) {
      throw new UncheckedIOException("building the k-NN graph of item factors failed", e);
    }
  }

  /** How many items have a vector. */
  public int size() {
    return itemOfNode.length;
  }

  /**
   * The {@code k} items whose factors have the largest inner product with {@code query}, best first.
   * Scores are the search's own (monotone in the inner product; re-score exactly when the value
   * matters).
   */
  public ScoredItems nearest(float[] query, int k) {
    if (graph == null || k <= 0 || query.length != rank || isZero(query)) {
      return ScoredItems.EMPTY;
    }
    try {
      TopKnnCollector collector = new TopKnnCollector(k, Integer.MAX_VALUE);
      HnswGraphSearcher.search(SCORER.getRandomVectorScorer(SIMILARITY, vectors, query), collector, new View(graph), null);
      TopDocs top = collector.topDocs();
      int[] items = new int[top.scoreDocs.length];
      float[] scores = new float[items.length];
      for (int r = 0; r < items.length; r++) {
        ScoreDoc sd = top.scoreDocs[r];
        items[r] = itemOfNode[sd.doc];
        scores[r] = sd.score;
      }
      return new ScoredItems(items, scores);
    } catch (IOException e) {
      throw new UncheckedIOException("k-NN search failed", e);
    }
  }

  private static boolean isZero(float[] v) {
    for (float x : v) {
      if (x != 0f) {
        return false;
      }
    }
    return true;
  }

  /**
   * A search's own cursor over the shared graph: {@link OnHeapHnswGraph} keeps its neighbor cursor
   * in the graph itself, so concurrent searches each walk it through a view.
   */
  private static final class View extends HnswGraph {
    private final OnHeapHnswGraph graph;
    private NeighborArray current;
    private int upto;

    View(OnHeapHnswGraph graph) {
      this.graph = graph;
    }

    @Override
    public void seek(int level, int target) {
      current = graph.getNeighbors(level, target);
      upto = -1;
    }

    @Override
    public int nextNeighbor() {
      return ++upto < current.size() ? current.nodes()[upto] : DocIdSetIterator.NO_MORE_DOCS;
    }

    @Override
    public int neighborCount() {
      return current.size();
    }

    @Override
    public int size() {
      return graph.size();
    }

    @Override
    public int maxNodeId() {
      return graph.maxNodeId();
    }

    @Override
    public int numLevels() {
      return graph.numLevels();
    }

    @Override
    public int maxConn() {
      return graph.maxConn();
    }

    @Override
    public int entryNode() {
      return graph.entryNode();
    }

    @Override
    public NodesIterator getNodesOnLevel(int level) {
      return graph.getNodesOnLevel(level);
    }
  }
}
