package io.qianmian.features.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.generate.GeneratedStore;
import io.qianmian.features.generate.StoreGenerator;
import io.qianmian.features.generate.StoreParameters;
import io.qianmian.features.progress.Progress;
import io.qianmian.features.segment.AdjustedRandIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Known answers: stores from the generator, whose planted segments ({@code truth.json}) the
 * profiles must find again. Segments are planted with their behaviour signatures (see the
 * generator's PlantedSegment): the rules below are written from those signatures, and the learned
 * clusters use the reference configuration unchanged.
 */
class GeneratedStoreTest {
  /** One rule per planted segment, each written from the generator's description of it. */
  private static final String PLANTED_RULES =
      """
      {"segments": {"rules": {
        "high-value": "share(channel 'app') > 0.5 and carts >= 2 and daysSinceLastEvent <= 14 and daysSinceFirstEvent > 14 and focus < 0.95",
        "bargain-hunter": "share(channel 'web') > 0.45 and carts >= 2 and daysSinceLastEvent <= 14 and daysSinceFirstEvent > 14",
        "new": "lifecycle == new",
        "churn-risk": "frequency >= 1 and daysSinceLastEvent > 14",
        "enthusiast": "focus >= 0.85 and carts >= 2 and daysSinceFirstEvent > 14 and daysSinceLastEvent <= 21 and share(channel 'mini-program') > 0.2",
        "casual": "frequency <= 1 and daysSinceFirstEvent > 14 and share(channel 'web') < 0.5 and focus < 0.9"
      }}}
      """;

  private static final Map<Long, GeneratedStore> STORES = new ConcurrentHashMap<>();
  private static final Map<Long, ProfileStore> PROFILES = new ConcurrentHashMap<>();

  /** Each seed's store is generated once for all tests (4,000 shoppers, 800 products, 60 days). */
  private static GeneratedStore generate(long seed) {
    return STORES.computeIfAbsent(
        seed,
        s -> {
          System.out.println("GeneratedStoreTest seed " + s);
          try {
            return new StoreGenerator(StoreParameters.of(4000, 800).withSeed(s)).generate(Progress.NONE);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** The profiles of a seed's store with the reference configuration. */
  private static ProfileStore reference(long seed) {
    return PROFILES.computeIfAbsent(seed, s -> Profiler.run(generate(s).dataset(), FeaturesConfig.reference(), Progress.NONE));
  }

  @ParameterizedTest
  @ValueSource(longs = {42, 7})
  void learnedSegmentsAgreeWithThePlantedOnes(long seed) {
    GeneratedStore g = generate(seed);
    ProfileStore store = reference(seed);
    String[] planted = new String[store.size()];
    String[] learned = new String[store.size()];
    for (int u = 0; u < store.size(); u++) {
      UserProfile p = store.profile(u);
      planted[u] = g.truth().segments().get(p.userId());
      learned[u] = p.cluster();
    }
    double ari = AdjustedRandIndex.of(planted, learned);
    long k = store.segments().stream().filter(s -> s.kind() == io.qianmian.features.segment.Segment.Kind.CLUSTER).count();
    System.out.printf("seed %d: k = %d, adjusted Rand index %.3f%n", seed, k, ari);
    assertThat(ari).isGreaterThanOrEqualTo(0.7);
  }

  @ParameterizedTest
  @ValueSource(longs = {42, 7})
  void rulesWrittenFromThePlantedSignaturesRecoverEverySegment(long seed) {
    GeneratedStore g = generate(seed);
    ProfileStore store = Profiler.run(g.dataset(), FeaturesConfig.parse(PLANTED_RULES, "planted rules"), Progress.NONE);
    for (String segment : store.info().rules().keySet()) {
      assertRecovers(store, g, segment, segment);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {42, 7})
  void defaultNewAndChurnRiskRulesRecoverTheirPlantedSegments(long seed) {
    GeneratedStore g = generate(seed);
    ProfileStore store = reference(seed);
    assertRecovers(store, g, "new", "new");
    assertRecovers(store, g, "churn-risk", "churn-risk");
  }

  /**
   * The shipped high-value rule is a marketer's (RFM scores only), not one written from the
   * generator: it cannot reach the 0.9 of the rules above, but it must find most planted
   * high-value shoppers. On stores of 20 k shoppers (seeds 42, 7) the former default, r >= 4 and
   * f >= 4 and m >= 4, found 0.48 of them at precision 0.62-0.63; r >= 3 finds 0.62 at 0.60-0.61.
   * Here (4 k shoppers) it gives precision 0.58-0.59 and recall 0.58-0.60.
   */
  @ParameterizedTest
  @ValueSource(longs = {42, 7})
  void defaultHighValueRuleFindsMostPlantedHighValueShoppers(long seed) {
    GeneratedStore g = generate(seed);
    double[] pr = precisionRecall(reference(seed), g, "high-value", "high-value");
    assertThat(pr[0]).as("precision").isGreaterThanOrEqualTo(0.55);
    assertThat(pr[1]).as("recall").isGreaterThanOrEqualTo(0.55);
  }

  private static void assertRecovers(ProfileStore store, GeneratedStore g, String rule, String planted) {
    double[] pr = precisionRecall(store, g, rule, planted);
    assertThat(pr[0]).as(rule + " precision").isGreaterThanOrEqualTo(0.9);
    assertThat(pr[1]).as(rule + " recall").isGreaterThanOrEqualTo(0.9);
  }

  /** Precision and recall of a rule segment against a planted one, printed. */
  private static double[] precisionRecall(ProfileStore store, GeneratedStore g, String rule, String planted) {
    long matched = 0;
    long plantedSize = 0;
    long both = 0;
    Map<String, Long> matchedByTruth = new LinkedHashMap<>();
    for (int u = 0; u < store.size(); u++) {
      UserProfile p = store.profile(u);
      boolean is = planted.equals(g.truth().segments().get(p.userId()));
      boolean in = p.segments().contains(rule);
      matched += in ? 1 : 0;
      plantedSize += is ? 1 : 0;
      both += in && is ? 1 : 0;
      if (in) {
        matchedByTruth.merge(g.truth().segments().get(p.userId()), 1L, Long::sum);
      }
    }
    double precision = (double) both / Math.max(1, matched);
    double recall = (double) both / Math.max(1, plantedSize);
    System.out.printf("rule %s vs planted %s: precision %.3f, recall %.3f, matched %s%n", rule, planted, precision, recall, matchedByTruth);
    return new double[] {precision, recall};
  }
}
