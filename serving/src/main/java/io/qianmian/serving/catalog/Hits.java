package io.qianmian.serving.catalog;

import io.qianmian.trainer.model.ScoredItems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/** Runs a query and maps Lucene documents back to dense item indexes (stored as doc values). */
final class Hits {
  private Hits() {}

  /** The top {@code k} items of {@code query}, best first, leaving out {@code skipItem} (or -1). */
  static ScoredItems read(IndexSearcher searcher, Query query, int k, int skipItem) {
    try {
      TopDocs top = searcher.search(query, k);
      List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
      int[] items = new int[top.scoreDocs.length];
      float[] scores = new float[top.scoreDocs.length];
      int n = 0;
      for (ScoreDoc sd : top.scoreDocs) {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
        NumericDocValues ids = leaf.reader().getNumericDocValues(CatalogIndex.ITEM);
        if (ids == null || !ids.advanceExact(sd.doc - leaf.docBase)) {
          continue;
        }
        int item = (int) ids.longValue();
        if (item != skipItem) {
          items[n] = item;
          scores[n++] = sd.score;
        }
      }
      return n == items.length ? new ScoredItems(items, scores) : new ScoredItems(Arrays.copyOf(items, n), Arrays.copyOf(scores, n));
    } catch (IOException e) {
      throw new UncheckedIOException("catalog search failed", e);
    }
  }
}
