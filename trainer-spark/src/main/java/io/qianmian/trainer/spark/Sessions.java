package io.qianmian.trainer.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a job. Under {@code spark-submit} the master and resources come from its
 * command line and an existing session is reused; {@code qianmian train --engine spark --master
 * local[N]} starts one in this JVM.
 */
final class Sessions {
  private Sessions() {}

  /** A session on {@code master}, or the one {@code spark-submit} configured when it is null. */
  static SparkSession start(String master) {
    SparkSession.Builder b =
        SparkSession.builder()
            .appName("qianmian-train")
            // No web UI and no event log: a training job reports through Progress and its bundle.
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            // MLlib's ALS checkpoints its lineage every 10 iterations only when a directory is set;
            // the default shuffle width (200) is far too wide for local runs and small stores.
            .config("spark.sql.shuffle.partitions", System.getProperty("qianmian.spark.partitions", "8"))
            .config("spark.sql.adaptive.enabled", "true")
            // Days of the export are UTC days, whatever the machine's zone.
            .config("spark.sql.session.timeZone", "UTC");
    if (master != null) {
      b.master(master);
      if (master.startsWith("local")) {
        b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
      }
    }
    SparkSession session = b.getOrCreate();
    session.sparkContext().setLogLevel("ERROR");
    return session;
  }
}
