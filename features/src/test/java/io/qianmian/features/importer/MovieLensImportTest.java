package io.qianmian.features.importer;

import static io.qianmian.features.importer.ImportFixtures.fixture;
import static io.qianmian.features.importer.ImportFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.EventType;
import io.qianmian.features.data.UserAttributes;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MovieLensImportTest {
  private static CatalogItem item(Dataset d, String id) {
    return d.catalogItem(d.items().indexOf(id).orElseThrow());
  }

  private static UserAttributes user(Dataset d, String id) {
    return d.userAttributes(d.users().indexOf(id).orElseThrow()).orElseThrow();
  }

  @Test
  void ratingsAtOrAboveFourArePurchasesTheRestViews() throws IOException {
    Imported imported = load(ImportFormat.MOVIELENS, fixture("movielens-100k"));
    Dataset d = imported.dataset();
    assertThat(imported.report().eventsByType()).isEqualTo(Map.of("purchase", 2L, "view", 3L));
    assertThat(ImportFixtures.events(d))
        .containsExactly(
            BehaviorEvent.of("2", "10", EventType.PURCHASE, 881_250_000_000L),
            BehaviorEvent.of("1", "10", EventType.PURCHASE, 881_250_949_000L),
            BehaviorEvent.of("1", "20", EventType.VIEW, 881_250_950_000L),
            BehaviorEvent.of("2", "30", EventType.VIEW, 881_251_000_000L),
            BehaviorEvent.of("3", "20", EventType.VIEW, 881_252_000_000L));
    assertThat(imported.report().users()).isEqualTo(3);
    assertThat(imported.report().items()).isEqualTo(3);
    assertThat(imported.report().badRows()).isZero();
  }

  @Test
  void positiveThresholdMovesTheCut() throws IOException {
    Imported imported = load(ImportRequest.of(ImportFormat.MOVIELENS, fixture("movielens-100k")).withPositiveThreshold(3));
    assertThat(imported.report().eventsByType()).isEqualTo(Map.of("purchase", 3L, "view", 2L));
  }

  @Test
  void firstGenreIsTheCategoryAndTitlesAreLatin1() throws IOException {
    Dataset d = load(ImportFormat.MOVIELENS, fixture("movielens-100k")).dataset();
    long released2003 = Instant.parse("2003-01-01T00:00:00Z").toEpochMilli();
    assertThat(item(d, "10"))
        .isEqualTo(
            new CatalogItem(
                "10", "Café Lumière (2003)", List.of("Comedy"), null, Double.NaN, true,
                Map.of("genres", "Comedy|Drama", "released", "2003-01-01"), released2003));
    assertThat(item(d, "20").categoryPath()).containsExactly("Animation");
    assertThat(item(d, "20").attributes()).containsEntry("genres", "Animation|Children's|Comedy").containsEntry("released", "1995-02-01");
    assertThat(item(d, "30").categoryPath()).isEmpty();
    assertThat(item(d, "30").attributes()).isEmpty();
  }

  @Test
  void usersGetGenderAgeBandAndZipArea() throws IOException {
    Dataset d = load(ImportFormat.MOVIELENS, fixture("movielens-100k")).dataset();
    assertThat(user(d, "1")).isEqualTo(new UserAttributes("1", "m", "18-24", "zip 8", 0));
    assertThat(user(d, "2")).isEqualTo(new UserAttributes("2", "f", "50-55", "zip 9", 0));
    assertThat(user(d, "3")).isEqualTo(new UserAttributes("3", "m", "under 18", null, 0));
  }

  @Test
  void oneMillionLayoutReadsDoubleColonFilesAndAgeCodes() throws IOException {
    Dataset d = load(ImportFormat.MOVIELENS, fixture("movielens-1m")).dataset();
    assertThat(ImportFixtures.events(d))
        .containsExactly(
            BehaviorEvent.of("1", "10", EventType.PURCHASE, 978_300_760_000L),
            BehaviorEvent.of("2", "20", EventType.PURCHASE, 978_301_968_000L),
            BehaviorEvent.of("1", "20", EventType.VIEW, 978_302_109_000L));
    assertThat(item(d, "10").title()).isEqualTo("Café (1995)");
    assertThat(item(d, "20").categoryPath()).containsExactly("Action");
    assertThat(item(d, "20").attributes()).containsEntry("genres", "Action|Crime|Thriller");
    assertThat(user(d, "1")).isEqualTo(new UserAttributes("1", "f", "under 18", "zip 4", 0));
    assertThat(user(d, "2")).isEqualTo(new UserAttributes("2", "m", "56+", "zip 7", 0));
  }

  @Test
  void csvLayoutHasHalfStarsQuotedTitlesAndNoGenresListed() throws IOException {
    Imported imported = load(ImportFormat.MOVIELENS, fixture("movielens-latest"));
    Dataset d = imported.dataset();
    assertThat(ImportFixtures.events(d))
        .containsExactly(
            BehaviorEvent.of("1", "20", EventType.PURCHASE, 1_112_484_676_000L),
            BehaviorEvent.of("2", "30", EventType.PURCHASE, 1_112_484_819_000L),
            BehaviorEvent.of("1", "10", EventType.VIEW, 1_112_486_027_000L));
    assertThat(item(d, "20").title()).isEqualTo("American President, The (1995)");
    assertThat(item(d, "10").categoryPath()).containsExactly("Adventure");
    assertThat(item(d, "30").categoryPath()).isEmpty();
    assertThat(d.userTable().hasDemographics()).isFalse();
  }
}
