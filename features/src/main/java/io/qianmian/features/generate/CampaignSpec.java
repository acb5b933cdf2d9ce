package io.qianmian.features.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A marketing campaign as the server reads it from {@code campaigns.json}; the shape of that file is
 * in the package documentation.
 *
 * @param id e.g. {@code c-winback}; events it led to carry it as {@code campaignId}
 * @param name for people
 * @param targetSegments segments it may be shown to
 * @param priority higher first when several fit; equal for all in the generated store
 * @param channels where it is delivered: app, web, mini-program, email, sms, ad
 * @param creative what the shopper sees
 */
public record CampaignSpec(
    String id, String name, List<String> targetSegments, int priority, List<String> channels, Creative creative) {

  /**
   * What a campaign shows.
   *
   * @param title headline
   * @param text body
   * @param couponCode the code to enter at checkout, or null
   * @param url where a click leads
   */
  public record Creative(String title, String text, String couponCode, String url) {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public CampaignSpec {
    Objects.requireNonNull(id, "id");
    targetSegments = List.copyOf(targetSegments);
    channels = List.copyOf(channels);
  }

  /** The file: {@code {"campaigns": [...]}}. */
  record File(List<CampaignSpec> campaigns) {}

  /** Reads a {@code campaigns.json}. */
  public static List<CampaignSpec> read(Path file) throws IOException {
    File f = JSON.readValue(file.toFile(), File.class);
    if (f.campaigns() == null) {
      throw new IOException(file + ": no \"campaigns\" array");
    }
    return List.copyOf(f.campaigns());
  }

  static void write(List<CampaignSpec> campaigns, Path file) throws IOException {
    JSON.writeValue(file.toFile(), new File(campaigns));
  }

  /** The generated store's campaigns: every campaign for every segment, at the same priority. */
  static List<CampaignSpec> planted() {
    List<String> segments = Arrays.stream(PlantedSegment.values()).map(PlantedSegment::wireName).toList();
    List<CampaignSpec> out = new ArrayList<>();
    for (PlantedCampaign c : PlantedCampaign.VALUES) {
      out.add(
          new CampaignSpec(
              c.id,
              c.title,
              segments,
              1,
              c.channels.stream().map(ch -> ch.wireName).toList(),
              new Creative(c.creativeTitle, c.creativeText, c.couponCode, c.url())));
    }
    return out;
  }
}
