package io.qianmian.serving.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The campaigns of one file, validated: what {@link LiveCampaigns} swaps atomically. Immutable.
 *
 * @param campaigns in file order
 * @param source where they came from (a file name), for messages
 * @param checksum SHA-256 of the file's bytes, hex; an unchanged file is not reloaded
 */
public record CampaignSet(List<Campaign> campaigns, String source, String checksum) {
  /** No campaigns at all. */
  public static final CampaignSet EMPTY = new CampaignSet(List.of(), "(none)", "");

  public CampaignSet {
    campaigns = List.copyOf(campaigns);
  }

  /** The campaign with this id, if any. */
  public Optional<Campaign> campaign(String id) {
    for (Campaign c : campaigns) {
      if (c.id().equals(id)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Campaigns by id, in file order. */
  Map<String, Campaign> byId() {
    Map<String, Campaign> m = new LinkedHashMap<>();
    campaigns.forEach(c -> m.put(c.id(), c));
    return m;
  }

  /** How many campaigns. */
  public int size() {
    return campaigns.size();
  }
}
