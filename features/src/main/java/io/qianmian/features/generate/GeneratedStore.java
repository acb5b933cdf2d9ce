package io.qianmian.features.generate;

import io.qianmian.features.data.Dataset;
import java.util.List;

/**
 * A generated store in memory: the dataset, what was planted in it, and its campaigns.
 *
 * @param dataset events, catalog and shoppers with dense ids ({@code u1} is user 0, {@code p1} item 0)
 * @param truth the planted segments and campaign conversion rates
 * @param campaigns the campaigns as {@code campaigns.json} holds them
 */
public record GeneratedStore(Dataset dataset, GroundTruth truth, List<CampaignSpec> campaigns) {
  public GeneratedStore {
    campaigns = List.copyOf(campaigns);
  }
}
