/**
 * Importers: a store's export in, a dataset directory out ({@link
 * io.qianmian.features.importer.Importers#run}). Every format reads plain or gzip files (told by
 * the magic bytes; {@code NAME.gz} is found where {@code NAME} is expected). Bad rows (wrong field
 * count, unreadable number or time, unknown event type, missing user or item) are counted by kind,
 * the first ten kept with file and line; a strict import stops at the first.
 *
 * <h2>Formats</h2>
 *
 * <ul>
 *   <li>{@code movielens}: a MovieLens folder, 100K ({@code u.data}, {@code u.item}, {@code
 *       u.user}), 1M/10M ({@code ratings.dat}, {@code movies.dat}, {@code users.dat}) or latest/25M
 *       ({@code ratings.csv}, {@code movies.csv}). A rating at or above the positive threshold
 *       (default 4) is a purchase, any other a view. First genre = category; attribute {@code
 *       genres}; user gender, age band and US ZIP area as region.
 *   <li>{@code online-retail}: the UCI Online Retail CSV. Invoice = order; rows are purchases with
 *       quantity and unit price, cancellations ({@code C…}) refunds; rows without a customer are
 *       skipped; Country = region; channel web.
 *   <li>{@code retailrocket}: the RetailRocket folder (events, item properties, category tree).
 *   <li>{@code taobao}: Taobao {@code UserBehavior.csv}.
 *   <li>{@code csv}, {@code jsonl}: the native layout below, or any layout with a mapping file.
 * </ul>
 *
 * <h2>Native layout</h2>
 *
 * A folder (or a single events file) with:
 *
 * <pre>
 * events.csv   userId,itemId,type,timestamp,quantity,price,orderId,sessionId,channel,campaignId,requestId
 * catalog.csv  itemId,title,category,brand,price,inStock,created[,any attribute columns…]   (optional)
 * users.csv    userId,gender,ageBand,region,registered                                    (optional)
 * </pre>
 *
 * Columns are found by header name (any order, case ignored); an empty field is unknown. {@code type}
 * is an event type's wire name (view, add-to-cart, purchase…); times are ISO-8601 instants or epoch
 * milliseconds; a category is written {@code Home > Kitchen > Cookware}; {@code inStock} is
 * true/false. The JSON Lines files ({@code events.jsonl}, …) use the same names as keys; a catalog
 * {@code category} may also be an array, and keys that are not fields (or the entries of an {@code
 * attributes} object) become attributes.
 *
 * <h2>Mapping file</h2>
 *
 * A JSON object with up to three tables, {@code events}, {@code catalog}, {@code users}; each key is
 * optional and anything left out keeps its native meaning. Unknown keys are an error.
 *
 * <pre>{@code
 * {
 *   "events": {
 *     "file": "behaviour.csv",           // in the input folder; default events.csv / events.jsonl
 *     "delimiter": ";",                  // CSV only; default ","
 *     "header": true,                    // CSV only; false: columns are positions from 1
 *     "columns": {"userId": "customer", "itemId": "sku", "type": "action", "timestamp": "ts"},
 *     "values": {"type": {"pv": "view", "buy": "purchase"}},   // export value -> ours, per field
 *     "constants": {"channel": "web"},   // for rows whose column is absent or empty
 *     "timestamp": {"format": "yyyy-MM-dd HH:mm:ss", "zone": "Asia/Shanghai"}
 *   },
 *   "catalog": {"file": "products.csv", "columns": {"itemId": "sku", "category": "cat"},
 *               "categorySeparator": "/", "attributes": ["colour", "size"]},
 *   "users": {"columns": {"userId": "id"}}
 * }
 * }</pre>
 *
 * Timestamp formats: {@code auto} (the default: digits are epoch milliseconds, else ISO-8601), {@code
 * iso}, {@code epoch-millis}, {@code epoch-seconds}, or a {@link java.time.format.DateTimeFormatter}
 * pattern; {@code "timestamp": "epoch-seconds"} is short for a format in UTC. A table named in the
 * mapping must have its file; a catalog's attributes are all unmapped columns unless listed.
 */
package io.qianmian.features.importer;
