/**
 * The store generator: a synthetic online store with planted ground truth, for the demo, scale runs
 * and known-answer tests ({@code qianmian generate}). Entry point: {@link
 * io.qianmian.features.generate.StoreGenerator} with {@link
 * io.qianmian.features.generate.StoreParameters}.
 *
 * <h2>What is generated</h2>
 *
 * <ul>
 *   <li><b>Catalog</b> {@code p1…pM}: a three-level category tree (8 top categories such as
 *       Electronics, Grocery, Fashion), made-up brands, log-normal prices around each category's
 *       typical price, a listing time (a few products are listed during the window) and a stock flag.
 *       Consumables (Grocery, Beauty, cleaning, protein…) have a repurchase cycle.
 *   <li><b>Shoppers</b> {@code u1…uN}, each in one planted {@link
 *       io.qianmian.features.generate.PlantedSegment} (high-value 10%, bargain-hunter 20%, new 10%,
 *       churn-risk 15%, enthusiast 15%, casual 30%) with demographics.
 *   <li><b>Tastes</b>: products have a latent vector (budget, premium, six styles); shoppers have
 *       favourite categories and a mixture over the same dimensions; with Zipf-like popularity this
 *       decides what they view, so collaborative filtering beats popularity.
 *   <li><b>Events</b>: visits (session ids) with views, favourites, add-to-cart, checkouts (order ids,
 *       quantities, unit prices), remove-from-cart, refunds, repurchases of consumables; a daily,
 *       weekly and seasonal rhythm with the big shopping days; channels app, web, mini-program, email,
 *       sms, ad. Campaign messages are {@code impression} events carrying the campaign id; a recipient
 *       who opens one clicks and views (carrying the id too), and one who converts buys through it.
 * </ul>
 *
 * <h2>Output ({@code StoreGenerator.write(format, DIR, progress)})</h2>
 *
 * <pre>
 * csv      DIR/events.csv   userId,itemId,type,timestamp,quantity,price,orderId,sessionId,channel,campaignId,requestId
 *          DIR/catalog.csv  itemId,title,category,brand,price,inStock,created   (category as "A &gt; B &gt; C")
 *          DIR/users.csv    userId,gender,ageBand,region,registered
 * jsonl    DIR/events.jsonl, DIR/catalog.jsonl, DIR/users.jsonl: the same names as keys, only known fields
 * dataset  DIR/dataset/     a dataset directory (DatasetReader reads it)
 * always   DIR/truth.json, DIR/campaigns.json
 * </pre>
 *
 * Empty CSV fields are unknown. Times are epoch milliseconds; prices are unit prices with two decimals
 * (after the campaign's discount for purchases through a campaign). Events are grouped by shopper, in
 * time order within a shopper. Order and session ids are per shopper ({@code o17-3}, {@code s17-5}).
 * Text files are written as {@code NAME.partial} and renamed when complete.
 *
 * <h2>{@code truth.json}</h2>
 *
 * <pre>{@code
 * {"seed": 42, "users": 20000, "items": 2000, "days": 60, "start": "2026-09-15",
 *  "windowStart": 1789401600000, "windowEnd": 1794585600000, "churnSilentFrom": 1792771200000,
 *  "segmentShares": {"high-value": 0.1, …}, "segmentSizes": {"high-value": 1995, …},
 *  "campaigns": {"c-winback": {"high-value": 0.03, …, "churn-risk": 0.15, …}, …},
 *  "segments": {"u1": "casual", "u2": "high-value", …}}
 * }</pre>
 *
 * {@code campaigns} holds the planted conversion rate: the chance that a shopper of a segment who got
 * the campaign (an impression with its id) buys through it (a purchase with its id). Read it with
 * {@link io.qianmian.features.generate.GroundTruth#read}.
 *
 * <h2>{@code campaigns.json}</h2>
 *
 * The campaigns as the server reads them ({@link io.qianmian.features.generate.CampaignSpec#read}).
 * In the generated store every campaign targets every segment at the same priority, so that which
 * campaign suits whom has to be learned from the events:
 *
 * <pre>{@code
 * {"campaigns": [
 *   {"id": "c-winback", "name": "Win-back: we miss you",
 *    "targetSegments": ["high-value", "bargain-hunter", "new", "churn-risk", "enthusiast", "casual"],
 *    "priority": 1, "channels": ["email", "sms"],
 *    "creative": {"title": "We miss you", "text": "Come back for 15% off your next order.",
 *                 "couponCode": "COMEBACK15", "url": "https://shop.example.com/campaigns/winback"}},
 *   …]}
 * }</pre>
 *
 * Fields: {@code id} (the {@code campaignId} of events), {@code name}, {@code targetSegments}
 * (segment names), {@code priority} (higher first), {@code channels} (where it is delivered), {@code
 * creative} ({@code title}, {@code text}, {@code couponCode} or null, {@code url}).
 */
package io.qianmian.features.generate;
