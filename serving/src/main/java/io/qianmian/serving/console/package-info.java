/**
 * The read-only web console under {@code /console/}: pages for marketers, analysts and
 * experimenters (store metrics, segments and a shopper lookup, campaigns, experiments, models) and
 * the JSON they read, behind a login. {@link io.qianmian.serving.console.Console} registers it on
 * the server; {@link io.qianmian.serving.console.OfflineConsole} writes the same pages with JSON
 * snapshots into a folder that opens without a server.
 */
package io.qianmian.serving.console;
