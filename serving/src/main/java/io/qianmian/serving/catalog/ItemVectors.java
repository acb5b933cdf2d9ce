package io.qianmian.serving.catalog;

import io.qianmian.trainer.model.ScoredItems;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Item factors in a Lucene HNSW graph, searched by maximum inner product: the candidates of users
 * whose precomputed lists are stale (or whose live session moved on), and an item's neighbors in
 * factor space. Approximate by design — the request path never scores the whole catalog. Immutable
 * and thread-safe once built; building takes seconds per hundred thousand items, so the server
 * builds it off the request path.
 */
public final class ItemVectors {
  static final String VECTOR = "vector";

  private final LeafReader graph;
  private final Hits hits;
  private final int rank;
  private final int count;

  private ItemVectors(IndexReader reader, int rank, int count) {
    // forceMerge(1) left one segment: one graph, searched directly without a query's rewrite.
    this.graph = reader.leaves().isEmpty() ? null : reader.leaves().get(0).reader();
    this.hits = Hits.of(reader);
    this.rank = rank;
    this.count = count;
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
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    // One large buffer so the catalog flushes as one segment: one graph, one search per query.
    IndexWriterConfig iwc = new IndexWriterConfig().setRAMBufferSizeMB(1024).setCodec(codec(maxConn, beamWidth));
    int count = 0;
    try (IndexWriter writer = new IndexWriter(dir, iwc)) {
      for (int i = 0; i < items; i++) {
        float[] v = new float[rank];
        System.arraycopy(itemFactors, i * rank, v, 0, rank);
        if (isZero(v)) {
          continue;
        }
        Document doc = new Document();
        doc.add(new NumericDocValuesField(CatalogIndex.ITEM, i));
        doc.add(new KnnFloatVectorField(VECTOR, v, VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT));
        writer.addDocument(doc);
        count++;
      }
      writer.forceMerge(1);
    } catch (IOException e) {
      throw new UncheckedIOException("indexing item factors failed", e);
    }
    try {
      return new ItemVectors(DirectoryReader.open(dir), rank, count);
    } catch (IOException e) {
      throw new UncheckedIOException("opening the item factor index failed", e);
    }
  }

  /**
   * The default codec with the HNSW parameters set. It keeps the default codec's name, so reading
   * needs nothing registered: the graph parameters matter only when writing.
   */
  private static Codec codec(int maxConn, int beamWidth) {
    Codec base = Codec.getDefault();
    KnnVectorsFormat hnsw = new Lucene99HnswVectorsFormat(maxConn, beamWidth);
    return new FilterCodec(base.getName(), base) {
      private final KnnVectorsFormat perField = new PerFieldKnnVectorsFormat() {
        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
          return hnsw;
        }
      };

      @Override
      public KnnVectorsFormat knnVectorsFormat() {
        return perField;
      }
    };
  }

  /** How many items have a vector. */
  public int size() {
    return count;
  }

  /**
   * The {@code k} items whose factors have the largest inner product with {@code query}, best first.
   * Scores are the search's own (monotone in the inner product; re-score exactly when the value
   * matters).
   */
  public ScoredItems nearest(float[] query, int k) {
    if (count == 0 || graph == null || k <= 0 || query.length != rank || isZero(query)) {
      return ScoredItems.EMPTY;
    }
    try {
      TopDocs top = graph.searchNearestVectors(VECTOR, query, k, AcceptDocs.fromLiveDocs(graph.getLiveDocs(), graph.maxDoc()), Integer.MAX_VALUE);
      return hits.items(top, 0, -1);
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
}
