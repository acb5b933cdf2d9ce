package io.qianmian.trainer.category;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ScoredItems;
import org.junit.jupiter.api.Test;

class CategoryModelTest {
  /**
   * Items 0–2 in category 0, items 3–4 in category 1 (both under root 0), item 5 in category 2 (its
   * own root). u0 has items 0 and 3, u1 items 0 and 1, u2 items 0 and 5, u3 item 2, u4 nothing.
   * Popularity (users): 3, 1, 1, 1, 0, 1 of 7; categories 5, 1, 1; roots 6 and 1.
   */
  private static final int[] CATEGORY = {0, 0, 0, 1, 1, 2};
  private static final int[] ROOT = {0, 0, 2};
  private static final Interactions TRAIN =
      new Interactions(5, 6, new int[] {0, 2, 4, 6, 7, 7}, new int[] {0, 3, 0, 1, 0, 5, 2}, new float[] {1, 1, 1, 1, 1, 1, 1});

  private static CategoryModel fit(float[] relativePrice, CategoryParameters params) {
    return new CategoryTrainer(CATEGORY, ROOT, relativePrice, params).fit(TRAIN, Progress.NONE);
  }

  @Test
  void scoresTheShoppersCategoriesBySharesOfInterestTimesPopularityWithin() {
    CategoryModel model = fit(new float[6], new CategoryParameters(0.5, 0.2, 0, 100, 0));

    ScoredItems r = model.recommend(3, 5, ItemFilter.NONE);

    // P(c0) = 0.5 · (0.8 · 1 + 0.2 · 1 · 5/6) + 0.5 · 5/7 = 0.840476; item 0 has 3/5 of it.
    // P(c1) = 0.5 · 0.2 · 1/6 + 0.5 · 1/7 = 0.088095; P(c2) = 0.5 · 1/7 (the store only).
    assertThat(r.items()).containsExactly(0, 1, 2, 3, 5);
    assertThat(r.scores()[0]).isCloseTo(0.840476f * 3 / 5, within(1e-5f));
    assertThat(r.scores()[1]).isCloseTo(0.840476f / 5, within(1e-5f));
    assertThat(r.scores()[3]).isCloseTo(0.088095f, within(1e-5f));
    assertThat(r.scores()[4]).isCloseTo(0.5f / 7, within(1e-5f));
  }

  @Test
  void aShopperWhoLooksAtCheapItemsGetsTheCheapOnesOfTheirCategoryFirst() {
    float[] price = {1, -1, -1, 0, 0, 0};
    CategoryModel model = fit(price, new CategoryParameters(0.5, 0.2, 0, 100, 1));

    ScoredItems r = model.recommend(3, 3, ItemFilter.NONE);

    // u3's item is priced −1: tilt e^(−z); category 0's tilted mass (3/e + e + e) / 5 = 1.308030.
    assertThat(r.items()).containsExactly(1, 2, 0);
    assertThat(r.scores()[0]).isCloseTo((float) (0.840476 / 1.308030 * Math.E / 5), within(1e-5f));
    assertThat(r.scores()[2]).isCloseTo((float) (0.840476 / 1.308030 * 3 / Math.E / 5), within(1e-5f));
  }

  @Test
  void theShoppersOwnItemsGetTheirShareOfTheHistoryOnTopAndExclusionsAreRespected() {
    CategoryModel plain = fit(new float[6], new CategoryParameters(0.5, 0.2, 0, 100, 0));
    CategoryModel seen = fit(new float[6], new CategoryParameters(0.5, 0.2, 1, 100, 0));

    float without = plain.recommend(0, 6, ItemFilter.NONE).scores()[indexOf(plain.recommend(0, 6, ItemFilter.NONE), 3)];
    ScoredItems with = seen.recommend(0, 6, ItemFilter.NONE);

    assertThat(with.scores()[indexOf(with, 3)]).isCloseTo(without + 0.5f, within(1e-5f));
    assertThat(seen.recommend(0, 6, i -> i == 0 || i == 3).items()).doesNotContain(0, 3).hasSize(3);
  }

  @Test
  void usersWithoutHistoryGetTheStoresMostPopularItems() {
    CategoryModel model = fit(new float[6], CategoryParameters.DEFAULTS);

    assertThat(model.recommend(4, 3, ItemFilter.NONE).items()).containsExactly(0, 1, 2);
    assertThat(model.recommend(99, 2, ItemFilter.NONE).items()).containsExactly(0, 1);
  }

  @Test
  void relativePricesAreLogDeviationsFromTheCategoryMedianInStandardDeviations() {
    float e = (float) Math.E;
    float[] z = CategoryTrainer.relativePrices(new int[] {0, 0, 0, 1}, 2, new float[] {1, e, e * e, Float.NaN});

    // Deviations −1, 0, 1 around the median log price 1; their standard deviation √(2/3).
    assertThat(z[0]).isCloseTo((float) -Math.sqrt(1.5), within(1e-5f));
    assertThat(z[1]).isCloseTo(0f, within(1e-6f));
    assertThat(z[2]).isCloseTo((float) Math.sqrt(1.5), within(1e-5f));
    assertThat(z[3]).isZero();
  }

  @Test
  void rejectsItemsOutsideTheCategoriesAndBadSettings() {
    assertThatThrownBy(() -> new CategoryTrainer(new int[] {0, 3}, new int[] {0}, new float[2], CategoryParameters.DEFAULTS))
        .hasMessageContaining("item 1 has category 3");
    assertThatThrownBy(() -> new CategoryParameters(1.5, 0.2, 0, 100, 0)).hasMessageContaining("category.explore");
    assertThatThrownBy(() -> new CategoryParameters(0.5, 0.2, 0, 0, 0)).hasMessageContaining("category.perCategory");
  }

  private static int indexOf(ScoredItems r, int item) {
    for (int x = 0; x < r.size(); x++) {
      if (r.items()[x] == item) {
        return x;
      }
    }
    throw new AssertionError("item " + item + " not in the ranking");
  }
}
