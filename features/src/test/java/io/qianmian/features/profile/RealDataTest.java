package io.qianmian.features.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.UserAttributes;
import io.qianmian.features.progress.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Profiles of the real data in ../shared/data. The datasets are built here by a few lines of test
 * code that follow the importers' documented mapping (Online Retail: a row is a purchase in order
 * InvoiceNo, a C invoice a refund of the absolute quantity, rows without CustomerID dropped;
 * MovieLens: a rating of 4 or more is a purchase, any other a view, the first genre the category).
 */
@Tag("real-data")
class RealDataTest {
  private static Path shared(String name) {
    String root = System.getProperty("qianmian.shared.data");
    Path dir = root == null ? null : Path.of(root, name);
    Assumptions.assumeTrue(dir != null && Files.isDirectory(dir), "no shared data at " + dir);
    return dir;
  }

  /**
   * Expected values were computed independently with a short Python script over the CSV (csv
   * module; orders = distinct non-C invoices, monetary = Σ qty × price of purchases − Σ |qty| ×
   * price of C rows, recency from the last row of any customer, 2010-12-01 12:49; scores 1 + ⌊5 ×
   * worse / 48⌋ over the 48 customers with a purchase).
   */
  @Test
  void onlineRetailCustomersHaveHandCheckedRfm() throws IOException {
    Dataset d = onlineRetail(shared("online-retail-sample").resolve("OnlineRetail-head.csv"));
    ProfileStore store = Profiler.run(d, FeaturesConfig.reference(), Progress.NONE);
    assertThat(store.info().buyers()).isEqualTo(48);
    assertThat(store.size()).isEqualTo(50);

    rfm(store, "17850", 75, 10, 1499.34, 3, 5, 5, RfmCell.LOYAL);
    rfm(store, "16029", 171, 2, 3702.12, 2, 5, 5, RfmCell.CANNOT_LOSE);
    rfm(store, "15311", 188, 1, 449.98 - 4.65, 1, 1, 4, RfmCell.LOST);
    rfm(store, "12748", 1, 1, 4.95, 5, 1, 1, RfmCell.NEW);
    rfm(store, "13047", 254, 3, 366.63, 1, 5, 4, RfmCell.CANNOT_LOSE);
    rfm(store, "17897", 18, 1, 165.89 - 25.5, 5, 1, 1, RfmCell.NEW);
    // Customers whose only rows are cancellations have no purchase: prospects.
    assertThat(store.profile("14527").orElseThrow().rfm().cell()).isEqualTo(RfmCell.PROSPECT);
    assertThat(store.profile("17850").orElseThrow().demographics().region()).isEqualTo("United Kingdom");
  }

  private static void rfm(ProfileStore store, String customer, int minutes, int orders, double monetary, int r, int f, int m, RfmCell cell) {
    UserProfile.Rfm rfm = store.profile(customer).orElseThrow().rfm();
    assertThat(rfm.recency()).as(customer + " recency").isCloseTo(minutes / 1440.0, within(1e-5));
    assertThat(rfm.frequency()).as(customer + " frequency").isEqualTo(orders);
    assertThat(rfm.monetary()).as(customer + " monetary").isCloseTo(monetary, within(0.005));
    assertThat(List.of(rfm.r(), rfm.f(), rfm.m())).as(customer + " scores").containsExactly(r, f, m);
    assertThat(rfm.cell()).as(customer + " cell").isEqualTo(cell);
  }

  /** Expected counts from the same kind of independent script over u.data. */
  @Test
  void movieLensGivesEveryUserAProfile() throws IOException {
    Dataset d = movieLens(shared("movielens-100k"));
    ProfileStore store = Profiler.run(d, FeaturesConfig.reference(), Progress.NONE);
    assertThat(store.size()).isEqualTo(943);
    assertThat(store.info().buyers()).isEqualTo(942);
    for (int u = 0; u < store.size(); u++) {
      UserProfile p = store.profile(u);
      assertThat(p.tags()).as(p.userId()).isNotEmpty();
      assertThat(p.primarySegment()).isNotNull();
      assertThat(p.demographics().ageBand()).isNotNull();
    }
    UserProfile one = store.profile("1").orElseThrow();
    // 108 distinct times among user 1's ratings of 4 or 5; the last of them 40.913 days before the last rating.
    assertThat(one.rfm().frequency()).isEqualTo(108);
    assertThat(one.rfm().recency()).isCloseTo(40.9135, within(1e-3));
    assertThat(store.segments().stream().filter(s -> s.kind() == io.qianmian.features.segment.Segment.Kind.CLUSTER).count())
        .isBetween(2L, 8L);
  }

  private static Dataset onlineRetail(Path csv) throws IOException {
    DatasetBuilder b = new DatasetBuilder().source("online-retail-sample (test reader)");
    DateTimeFormatter time = DateTimeFormatter.ofPattern("M/d/yyyy H:mm");
    Map<String, Double> prices = new HashMap<>();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = csvFields(line);
      String customer = f.get(6).trim();
      if (customer.isEmpty()) {
        continue;
      }
      String invoice = f.get(0);
      int quantity = Integer.parseInt(f.get(3));
      double price = Double.parseDouble(f.get(5));
      boolean cancel = invoice.startsWith("C");
      if ((!cancel && quantity < 0) || quantity == 0 || price < 0) {
        continue;
      }
      long t = LocalDateTime.parse(f.get(4), time).toInstant(ZoneOffset.UTC).toEpochMilli();
      b.add(new BehaviorEvent(customer, f.get(1), cancel ? EventType.REFUND : EventType.PURCHASE, t, Math.abs(quantity), price, invoice, null, "web", null, null));
      prices.put(f.get(1), price);
      b.addUser(new UserAttributes(customer, null, null, f.get(7), 0));
    }
    prices.forEach((item, price) -> b.addItem(new CatalogItem(item, null, List.of(), null, price, true, Map.of(), 0)));
    return b.build();
  }

  /** Comma-separated fields, double quotes around fields that hold commas or quotes. */
  private static List<String> csvFields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out;
  }

  private static final String[] GENRES = {
    "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
    "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"
  };

  private static Dataset movieLens(Path dir) throws IOException {
    DatasetBuilder b = new DatasetBuilder().source("movielens-100k (test reader)");
    for (String line : Files.readAllLines(dir.resolve("u.data"), StandardCharsets.ISO_8859_1)) {
      String[] f = line.split("\t");
      EventType type = Integer.parseInt(f[2]) >= 4 ? EventType.PURCHASE : EventType.VIEW;
      b.add(BehaviorEvent.of(f[0], f[1], type, Long.parseLong(f[3]) * 1000));
    }
    for (String line : Files.readAllLines(dir.resolve("u.item"), StandardCharsets.ISO_8859_1)) {
      String[] f = line.split("\\|", -1);
      List<String> category = List.of();
      for (int g = 0; g < GENRES.length; g++) {
        if (f[5 + g].equals("1")) {
          category = List.of(GENRES[g]);
          break;
        }
      }
      b.addItem(new CatalogItem(f[0], f[1], category, null, Double.NaN, true, Map.of(), 0));
    }
    for (String line : Files.readAllLines(dir.resolve("u.user"), StandardCharsets.ISO_8859_1)) {
      String[] f = line.split("\\|");
      int age = Integer.parseInt(f[1]);
      String band = age < 18 ? "under 18" : age < 25 ? "18-24" : age < 35 ? "25-34" : age < 45 ? "35-44" : age < 55 ? "45-54" : "55+";
      b.addUser(new UserAttributes(f[0], f[2], band, f[4], 0));
    }
    return b.build();
  }
}
