package io.qianmian.features.importer;

import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.UserAttributes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MovieLens, in any of its three layouts, told apart by the ratings file present:
 *
 * <ul>
 *   <li>100K: {@code u.data} (tab: user, item, rating, unix seconds), {@code u.item} ({@code |}: id,
 *       title, release date, video date, URL, 19 genre flags), {@code u.user} ({@code |}: id, age,
 *       gender, occupation, zip); Latin-1.
 *   <li>1M (and 10M): {@code ratings.dat}, {@code movies.dat} (id, title, genres joined by {@code
 *       |}), {@code users.dat} (id, gender, age code, occupation, zip), separated by {@code ::}.
 *   <li>latest, 25M: {@code ratings.csv} (userId,movieId,rating,timestamp) and {@code movies.csv}
 *       (movieId,title,genres), with headers.
 * </ul>
 *
 * A rating at or above the positive threshold becomes a purchase, any other a view. A movie's first
 * genre is its category; all genres go to the attribute {@code genres} ({@code |}-joined). Users get
 * gender (f/m), an age band (the 1M bands, also for 100K ages) and a region: the US ZIP area, i.e.
 * the first digit of the ZIP code ("zip 9" is the West Coast); occupation has no field to go to.
 */
final class MovieLensImporter implements Importer {
  static final List<String> GENRES_100K =
      List.of(
          "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
          "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");

  /** The age codes of MovieLens 1M and their bands; 100K ages are put into the same bands. */
  private static final Map<String, String> AGE_CODES_1M =
      Map.of("1", "under 18", "18", "18-24", "25", "25-34", "35", "35-44", "45", "45-49", "50", "50-55", "56", "56+");

  private static final DateTimeFormatter RELEASE_100K = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);
  private static final CsvReader.Dialect TAB_LATIN1 = new CsvReader.Dialect("\t", false, false, Row.Text.LATIN1);
  private static final CsvReader.Dialect PIPE_LATIN1 = new CsvReader.Dialect("|", false, false, Row.Text.LATIN1);
  // The .dat files of 1M are Latin-1 and those of 10M UTF-8: UTF-8 with Latin-1 fallback reads both.
  private static final CsvReader.Dialect DOUBLE_COLON = new CsvReader.Dialect("::", false, false, Row.Text.UTF8);
  private static final byte[] ONE = {'1'};
  private static final byte[] ZERO = {'0'};

  @Override
  public void read(Path input, ImportContext context) throws IOException {
    Path dir = Files.isDirectory(input) ? input : input.toAbsolutePath().getParent();
    if (InputFile.find(dir, "u.data").isPresent()) {
      ratings(context, context.csv(InputFile.require(dir, "u.data", "MovieLens 100K ratings"), TAB_LATIN1), 4, 0, 1, 2, 3);
      var items = InputFile.find(dir, "u.item");
      if (items.isPresent()) {
        context.forEach(context.csv(items.get(), PIPE_LATIN1), 5 + GENRES_100K.size(), row -> movie100k(context, row));
      }
      var users = InputFile.find(dir, "u.user");
      if (users.isPresent()) {
        context.forEach(context.csv(users.get(), PIPE_LATIN1), 5, row -> user(context, row, 0, 2, ageBand(row, 1), 4));
      }
    } else if (InputFile.find(dir, "ratings.dat").isPresent()) {
      ratings(context, context.csv(InputFile.require(dir, "ratings.dat", "MovieLens 1M ratings"), DOUBLE_COLON), 4, 0, 1, 2, 3);
      var movies = InputFile.find(dir, "movies.dat");
      if (movies.isPresent()) {
        context.forEach(context.csv(movies.get(), DOUBLE_COLON), 3, row -> movie(context, row, 0, 1, 2));
      }
      var users = InputFile.find(dir, "users.dat");
      if (users.isPresent()) {
        context.forEach(context.csv(users.get(), DOUBLE_COLON), 5, row -> user(context, row, 0, 1, ageCode(row, 2), 4));
      }
    } else if (InputFile.find(dir, "ratings.csv").isPresent()) {
      CsvReader ratings = context.csv(InputFile.require(dir, "ratings.csv", "MovieLens ratings"), CsvReader.Dialect.CSV);
      HeaderColumns c = HeaderColumns.of(ratings, "userId", "movieId", "rating", "timestamp");
      ratings(context, ratings, -1, c.at(0), c.at(1), c.at(2), c.at(3));
      var movies = InputFile.find(dir, "movies.csv");
      if (movies.isPresent()) {
        CsvReader reader = context.csv(movies.get(), CsvReader.Dialect.CSV);
        HeaderColumns m = HeaderColumns.of(reader, "movieId", "title", "genres");
        context.forEach(reader, -1, row -> movie(context, row, m.at(0), m.at(1), m.at(2)));
      }
    } else {
      throw new ImportException(dir + " is not a MovieLens folder: it has no u.data (100K), ratings.dat (1M, 10M) or ratings.csv (latest, 25M)");
    }
  }

  private static void ratings(ImportContext context, CsvReader source, int fields, int user, int item, int rating, int time)
      throws IOException {
    StringPool users = new StringPool();
    StringPool items = new StringPool();
    Timestamps seconds = Timestamps.of("epoch-seconds", ZoneOffset.UTC);
    double threshold = context.request.positiveThreshold();
    context.forEach(
        source,
        fields,
        row -> {
          String u = row.id(user, users, BadRow.Kind.MISSING_USER);
          String i = row.id(item, items, BadRow.Kind.MISSING_ITEM);
          double stars = row.doubleValue(rating);
          long t = seconds.parse(row, time);
          context.add(u, i, stars >= threshold ? EventType.PURCHASE : EventType.VIEW, t, 0, Double.NaN, null, null, null, null, null);
        });
  }

  private static void movie100k(ImportContext context, Row row) throws ImportException {
    String id = movieId(row, 0);
    List<String> genres = new ArrayList<>(2);
    for (int g = 0; g < GENRES_100K.size(); g++) {
      int f = 5 + g;
      if (row.is(f, ONE)) {
        genres.add(GENRES_100K.get(g));
      } else if (!row.is(f, ZERO)) {
        throw row.problem(BadRow.Kind.BAD_NUMBER, f, "a genre flag (0 or 1)");
      }
    }
    Map<String, String> attributes = genreAttributes(genres);
    long created = 0;
    String released = row.trimmed(2);
    if (released != null) {
      try {
        LocalDate date = LocalDate.parse(released, RELEASE_100K);
        attributes.put("released", date.toString());
        created = date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        throw row.problem(BadRow.Kind.BAD_TIMESTAMP, 2, "a release date like 01-Jan-1995");
      }
    }
    context.addItem(new CatalogItem(id, row.trimmed(1), firstOf(genres), null, Double.NaN, true, attributes, created));
  }

  private static void movie(ImportContext context, Row row, int idField, int titleField, int genresField)
      throws ImportException {
    String id = movieId(row, idField);
    List<String> genres = new ArrayList<>(4);
    String all = row.trimmed(genresField);
    if (all != null && !all.equals("(no genres listed)")) {
      for (int s = 0, e; s <= all.length(); s = e + 1) {
        e = all.indexOf('|', s);
        e = e < 0 ? all.length() : e;
        String g = all.substring(s, e).strip();
        if (!g.isEmpty()) {
          genres.add(g);
        }
      }
    }
    context.addItem(
        new CatalogItem(id, row.trimmed(titleField), firstOf(genres), null, Double.NaN, true, genreAttributes(genres), 0));
  }

  private static String movieId(Row row, int f) {
    String id = row.trimmed(f);
    if (id == null) {
      throw new RowProblem(BadRow.Kind.MISSING_ITEM, row.name(f) + " is empty");
    }
    return id;
  }

  private static List<String> firstOf(List<String> genres) {
    return genres.isEmpty() ? List.of() : List.of(genres.getFirst());
  }

  private static Map<String, String> genreAttributes(List<String> genres) {
    Map<String, String> attributes = new HashMap<>();
    if (!genres.isEmpty()) {
      attributes.put("genres", String.join("|", genres));
    }
    return attributes;
  }

  private static void user(ImportContext context, Row row, int idField, int genderField, String ageBand, int zipField)
      throws ImportException {
    String id = row.trimmed(idField);
    if (id == null) {
      throw new RowProblem(BadRow.Kind.MISSING_USER, row.name(idField) + " is empty");
    }
    String gender = row.trimmed(genderField);
    context.addUser(
        new UserAttributes(id, gender == null ? null : gender.toLowerCase(Locale.ROOT), ageBand, zipArea(row.trimmed(zipField)), 0));
  }

  /** A 100K age (years) in the bands of 1M. */
  private static String ageBand(Row row, int f) {
    if (row.isEmpty(f)) {
      return null;
    }
    long age = row.longValue(f);
    if (age < 0 || age > 150) {
      throw row.problem(BadRow.Kind.BAD_NUMBER, f, "an age in years");
    }
    return age < 18 ? "under 18" : age < 25 ? "18-24" : age < 35 ? "25-34" : age < 45 ? "35-44" : age < 50 ? "45-49" : age < 56 ? "50-55" : "56+";
  }

  /** A 1M age code in its band. */
  private static String ageCode(Row row, int f) {
    String code = row.trimmed(f);
    if (code == null) {
      return null;
    }
    String band = AGE_CODES_1M.get(code);
    if (band == null) {
      throw row.problem(BadRow.Kind.BAD_NUMBER, f, "a MovieLens 1M age code (1, 18, 25, 35, 45, 50, 56)");
    }
    return band;
  }

  /** The US ZIP area (first digit) of a ZIP code, or null for other postal codes. */
  private static String zipArea(String zip) {
    if (zip == null || zip.length() < 5) {
      return null;
    }
    for (int i = 0; i < 5; i++) {
      if (zip.charAt(i) < '0' || zip.charAt(i) > '9') {
        return null;
      }
    }
    return "zip " + zip.charAt(0);
  }
}
