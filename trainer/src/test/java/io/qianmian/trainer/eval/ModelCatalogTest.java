package io.qianmian.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.CatalogItem;
import io.qianmian.features.data.Dataset;
import io.qianmian.features.data.DatasetBuilder;
import io.qianmian.features.data.EventType;
import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.data.EventInteractions;
import io.qianmian.trainer.data.EventWeights;
import io.qianmian.trainer.data.TimeDecay;
import io.qianmian.trainer.data.TinyLog;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.Recommender;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
  @Test
  void theCategoryModelRunsByDefaultOnlyWhenTheCatalogHasCategories() {
    Dataset plain = TinyLog.of("u0 i0 view 1", "u1 i1 purchase 2");

    assertThat(ModelCatalog.supporting(plain)).doesNotContain("category").contains("popularity", "als");
    assertThat(ModelCatalog.supporting(shop())).containsSubsequence("cooccurrence", "category");
  }

  @Test
  void theCategoryModelNeedsTheDataset() {
    assertThatThrownBy(() -> ModelCatalog.create("category")).hasMessageContaining("create it with the dataset");
    assertThat(ModelCatalog.create("als", null).name()).isEqualTo("als");
  }

  @Test
  void theCategoryModelRecommendsThePopularItemsOfTheShoppersCategory() {
    Dataset d = shop();
    Recommender model = ModelCatalog.create("category", d).fit(EventInteractions.weighted(d, EventWeights.DEFAULTS, TimeDecay.NONE), Progress.NONE);

    // u0 looked at a shoe; of the others, the popular shoe beats the more popular mug.
    int u0 = d.users().indexOf("u0").orElseThrow();
    int shoe = d.items().indexOf("shoe2").orElseThrow();
    assertThat(model.recommend(u0, 1, i -> i == d.items().indexOf("shoe1").orElseThrow()).items()).containsExactly(shoe);
    assertThat(model.recommend(u0, 5, ItemFilter.NONE).items()).hasSize(4);
  }

  /** Two shoes and two mugs; the mugs are the store's most popular items. */
  private static Dataset shop() {
    DatasetBuilder b = new DatasetBuilder().source("test");
    for (String[] it : List.of(new String[] {"shoe1", "Fashion", "Shoes"}, new String[] {"shoe2", "Fashion", "Shoes"},
        new String[] {"mug1", "Home", "Mugs"}, new String[] {"mug2", "Home", "Mugs"})) {
      b.addItem(new CatalogItem(it[0], null, List.of(it[1], it[2]), null, 10, true, Map.of(), 0));
    }
    String[] events = {"u0 shoe1", "u1 shoe2", "u2 mug1", "u3 mug1", "u4 mug1", "u5 mug2", "u6 mug2", "u7 mug1"};
    long t = 0;
    for (String e : events) {
      String[] f = e.split(" ");
      b.add(new BehaviorEvent(f[0], f[1], EventType.VIEW, ++t, 0, Double.NaN, null, null, null, null, null));
    }
    return b.build();
  }
}
