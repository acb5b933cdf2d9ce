package io.qianmian.features.generate;

import java.util.List;

/**
 * The campaigns the generated store ran. Each was sent to a random {@link #REACH} of the shoppers
 * who could receive it, whatever their segment; the chance that a recipient then bought through it
 * is planted per segment ({@link #conversion}), so that a campaign policy has something to learn.
 */
enum PlantedCampaign {
  WINBACK("c-winback", "Win-back: we miss you", 0.15, Featured.FAVOURITE,
      List.of(Channel.EMAIL, Channel.SMS),
      // high-value, bargain-hunter, new, churn-risk, enthusiast, casual
      new double[] {0.03, 0.06, 0.02, 0.15, 0.04, 0.02},
      "We miss you", "Come back for 15% off your next order.", "COMEBACK15"),
  FIRST_ORDER("c-first-order", "First-order coupon", 0.10, Featured.POPULAR,
      List.of(Channel.SMS, Channel.APP),
      new double[] {0.02, 0.08, 0.22, 0.03, 0.03, 0.04},
      "Welcome!", "10% off your first order, today only.", "WELCOME10"),
  MEMBER_NEW_ARRIVALS("c-member-new-arrivals", "New arrivals for members", 0.05, Featured.NEW_ARRIVAL,
      List.of(Channel.APP, Channel.EMAIL),
      new double[] {0.18, 0.03, 0.04, 0.02, 0.12, 0.02},
      "Just in, picked for you", "Members see the new season first, with 5% off.", "MEMBER5"),
  FLASH_SALE("c-flash-sale", "24-hour flash sale", 0.30, Featured.CHEAP,
      List.of(Channel.APP, Channel.SMS),
      new double[] {0.08, 0.25, 0.05, 0.04, 0.05, 0.05},
      "Flash sale: 30% off", "24 hours only: 30% off hundreds of favourites.", "FLASH30"),
  THEMED("c-themed", "Themed picks", 0.10, Featured.FAVOURITE,
      List.of(Channel.MINI_PROGRAM, Channel.EMAIL),
      new double[] {0.07, 0.05, 0.03, 0.03, 0.17, 0.02},
      "A week of what you love", "Our picks from your favourite corner of the store.", "PICKS10");

  /** Share of the reachable shoppers each campaign was sent to. */
  static final double REACH = 0.35;
  /** Share of the recipients who did not buy but still opened the message and looked. */
  static final double CLICK_WITHOUT_PURCHASE = 0.2;
  static final PlantedCampaign[] VALUES = values();

  /** Which product the message shows to each recipient. */
  enum Featured {
    /** A product from the recipient's favourite categories. */
    FAVOURITE,
    /** A product the recipient is likely to like, drawn by popularity. */
    POPULAR,
    /** The most recently listed of a few products the recipient would like. */
    NEW_ARRIVAL,
    /** A cheap product of the recipient's categories. */
    CHEAP
  }

  final String id;
  final String title;
  final double discount;
  final Featured featured;
  final List<Channel> channels;
  private final double[] conversion;
  final String creativeTitle;
  final String creativeText;
  final String couponCode;

  PlantedCampaign(String id, String title, double discount, Featured featured, List<Channel> channels,
      double[] conversion, String creativeTitle, String creativeText, String couponCode) {
    this.id = id;
    this.title = title;
    this.discount = discount;
    this.featured = featured;
    this.channels = channels;
    this.conversion = conversion;
    this.creativeTitle = creativeTitle;
    this.creativeText = creativeText;
    this.couponCode = couponCode;
  }

  /** The planted chance that a recipient of segment {@code s} buys through this campaign. */
  double conversion(PlantedSegment s) {
    return conversion[s.ordinal()];
  }

  String url() {
    return "https://shop.example.com/campaigns/" + id.substring(2);
  }
}
