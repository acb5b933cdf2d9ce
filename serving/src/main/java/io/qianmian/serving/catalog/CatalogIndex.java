package io.qianmian.serving.catalog;

import io.qianmian.features.data.Catalog;
import io.qianmian.features.data.IdDictionary;
import io.qianmian.trainer.model.ScoredItems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The catalog's text in an in-memory Lucene index — titles, category paths and brands — for content
 * similarity: neighbors of items with no history, MoreLikeThis-style. Built once per model in well
 * under a second; immutable and thread-safe afterwards. (Item factors live in {@link ItemVectors}.)
 *
 * <p>The index lives on the heap and holds no file handles, so an old model's index is simply
 * dropped with the model: requests still using it finish undisturbed.
 */
public final class CatalogIndex {
  static final String ITEM = "item";
  static final String TITLE = "title";
  static final String CATEGORY = "category";
  static final String BRAND = "brand";

  /** Most title terms a content query uses (the rarest ones, as MoreLikeThis does). */
  private static final int MAX_QUERY_TERMS = 20;

  private final IndexSearcher searcher;
  private final Hits hits;
  private final Analyzer analyzer;
  private final Catalog catalog;
  private final IdDictionary categories;
  private final IdDictionary brands;

  private CatalogIndex(IndexSearcher searcher, Analyzer analyzer, Catalog catalog, IdDictionary categories, IdDictionary brands) {
    this.searcher = searcher;
    this.hits = Hits.of(searcher.getIndexReader());
    this.analyzer = analyzer;
    this.catalog = catalog;
    this.categories = categories;
    this.brands = brands;
  }

  /**
   * Indexes every item of the catalog.
   *
   * @param catalog the catalog columns (one row per item)
   * @param categories category paths by category index
   * @param brands brand names by brand index
   */
  public static CatalogIndex build(Catalog catalog, IdDictionary categories, IdDictionary brands) {
    int items = catalog.title().length;
    Analyzer analyzer = new StandardAnalyzer();
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    IndexWriterConfig iwc = new IndexWriterConfig(analyzer).setRAMBufferSizeMB(256).setCommitOnClose(true);
    try (IndexWriter writer = new IndexWriter(dir, iwc)) {
      for (int i = 0; i < items; i++) {
        Document doc = new Document();
        doc.add(new NumericDocValuesField(ITEM, i));
        String title = catalog.title()[i];
        if (title != null && !title.isBlank()) {
          doc.add(new TextField(TITLE, title, Field.Store.NO));
        }
        for (int c = catalog.category()[i]; c >= 0; c = catalog.categoryParent()[c]) {
          doc.add(new StringField(CATEGORY, categories.id(c), Field.Store.NO));
        }
        int b = catalog.brand()[i];
        if (b >= 0) {
          doc.add(new StringField(BRAND, brands.id(b), Field.Store.NO));
        }
        writer.addDocument(doc);
      }
      writer.forceMerge(1);
    } catch (IOException e) {
      throw new UncheckedIOException("indexing the catalog failed", e);
    }
    try {
      IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(dir));
      return new CatalogIndex(searcher, analyzer, catalog, categories, brands);
    } catch (IOException e) {
      throw new UncheckedIOException("opening the catalog index failed", e);
    }
  }

  /** How many items are indexed. */
  public int size() {
    return searcher.getIndexReader().maxDoc();
  }

  /**
   * Items like {@code item} by content, MoreLikeThis-style: its rarest title terms, its category
   * path (the leaf counting most) and its brand, scored by BM25; the item itself is left out.
   */
  public ScoredItems similarContent(int item, int k) {
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    int clauses = 0;
    for (String term : rareTitleTerms(catalog.title()[item])) {
      q.add(new TermQuery(new Term(TITLE, term)), BooleanClause.Occur.SHOULD);
      clauses++;
    }
    float boost = 2f;
    for (int c = catalog.category()[item]; c >= 0; c = catalog.categoryParent()[c]) {
      q.add(new BoostQuery(new TermQuery(new Term(CATEGORY, categories.id(c))), boost), BooleanClause.Occur.SHOULD);
      boost /= 2;
      clauses++;
    }
    int b = catalog.brand()[item];
    if (b >= 0) {
      q.add(new BoostQuery(new TermQuery(new Term(BRAND, brands.id(b))), 1.5f), BooleanClause.Occur.SHOULD);
      clauses++;
    }
    if (clauses == 0 || k <= 0) {
      return ScoredItems.EMPTY;
    }
    return hits.read(searcher, q.build(), k + 1, item);
  }

  private Set<String> rareTitleTerms(String title) {
    if (title == null || title.isBlank()) {
      return Set.of();
    }
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream(TITLE, title)) {
      CharTermAttribute att = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        terms.add(att.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (terms.size() <= MAX_QUERY_TERMS) {
      return terms;
    }
    // Keep the rarest terms: they say most about the item (and cost least to search).
    List<String> byRarity = new ArrayList<>(terms);
    byRarity.sort(java.util.Comparator.comparingInt(this::docFreq));
    return new LinkedHashSet<>(byRarity.subList(0, MAX_QUERY_TERMS));
  }

  private int docFreq(String term) {
    try {
      return searcher.getIndexReader().docFreq(new Term(TITLE, term));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
