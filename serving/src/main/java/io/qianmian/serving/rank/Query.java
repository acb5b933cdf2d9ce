package io.qianmian.serving.rank;

/**
 * One recommendations request, with ids already mapped to the model's indexes.
 *
 * @param userId the shopper (known to the model or not)
 * @param n how many items
 * @param categories the categories the answer must lie within (any of them), or null for all
 * @param inStock whether only in-stock items may be returned
 * @param exclude item indexes never to return, ascending
 * @param seed seeds the exploration draws (the request id's hash: reproducible per answer)
 * @param nowMillis the request's time, for repurchase windows
 */
public record Query(String userId, int n, int[] categories, boolean inStock, int[] exclude, long seed, long nowMillis) {}
