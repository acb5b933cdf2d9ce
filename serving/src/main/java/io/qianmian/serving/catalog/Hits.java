package io.qianmian.serving.catalog;

import io.qianmian.trainer.model.ScoredItems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * Maps Lucene documents back to dense item indexes. The item of every document (stored as doc
 * values) is read once when an index is opened, so turning hits into items costs an array lookup
 * rather than a doc-values iterator per hit.
 */
final class Hits {
  private final int[] itemOfDoc;

  private Hits(int[] itemOfDoc) {
    this.itemOfDoc = itemOfDoc;
  }

  /** The item of each document of {@code reader}. */
  static Hits of(IndexReader reader) {
    int[] items = new int[reader.maxDoc()];
    Arrays.fill(items, -1);
    try {
      for (LeafReaderContext leaf : reader.leaves()) {
        NumericDocValues ids = leaf.reader().getNumericDocValues(CatalogIndex.ITEM);
        if (ids == null) {
          continue;
        }
        for (int doc = ids.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = ids.nextDoc()) {
          items[leaf.docBase + doc] = (int) ids.longValue();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the item ids of an index failed", e);
    }
    return new Hits(items);
  }

  /** The top {@code k} items of {@code query}, best first, leaving out {@code skipItem} (or -1). */
  ScoredItems read(IndexSearcher searcher, Query query, int k, int skipItem) {
    try {
      return items(searcher.search(query, k), 0, skipItem);
    } catch (IOException e) {
      throw new UncheckedIOException("catalog search failed", e);
    }
  }

  /** The items of {@code top}, whose doc ids are relative to {@code docBase}, leaving out {@code skipItem}. */
  ScoredItems items(TopDocs top, int docBase, int skipItem) {
    int[] items = new int[top.scoreDocs.length];
    float[] scores = new float[top.scoreDocs.length];
    int n = 0;
    for (ScoreDoc sd : top.scoreDocs) {
      int item = itemOfDoc[docBase + sd.doc];
      if (item >= 0 && item != skipItem) {
        items[n] = item;
        scores[n++] = sd.score;
      }
    }
    return n == items.length ? new ScoredItems(items, scores) : new ScoredItems(Arrays.copyOf(items, n), Arrays.copyOf(scores, n));
  }
}
