package io.qianmian.serving.campaign;

/**
 * A campaign file that cannot be used. The message names the file, the line, the campaign and the
 * field, e.g. {@code campaigns.json line 14: campaign 'c-winback' field 'window.end': must be after
 * window.start (2026-11-20T00:00:00Z), got 2026-11-01T00:00:00Z}.
 */
public final class CampaignFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String campaignId;
  private final String field;
  private final int line;

  CampaignFileException(String source, int line, String campaignId, String field, String problem) {
    super(message(source, line, campaignId, field, problem));
    this.campaignId = campaignId;
    this.field = field;
    this.line = line;
  }

  private static String message(String source, int line, String campaignId, String field, String problem) {
    StringBuilder b = new StringBuilder(source);
    if (line > 0) {
      b.append(" line ").append(line);
    }
    b.append(':');
    if (campaignId != null) {
      b.append(" campaign '").append(campaignId).append('\'');
    }
    if (field != null) {
      b.append(" field '").append(field).append('\'');
    }
    if (campaignId != null || field != null) {
      b.append(':');
    }
    return b.append(' ').append(problem).toString();
  }

  /** The campaign at fault, or null when the problem is not in one campaign. */
  public String campaignId() {
    return campaignId;
  }

  /** The field at fault as a dotted path ({@code budget.daily}), or null. */
  public String field() {
    return field;
  }

  /** The 1-based line where the campaign (or the problem) starts, or 0 when unknown. */
  public int line() {
    return line;
  }
}
