package io.qianmian.trainer.spark;

import org.apache.spark.sql.SparkSession;

/** One {@code local[2]} session for all the tests of a JVM (starting one takes seconds). */
final class LocalSpark {
  private LocalSpark() {}

  static SparkSession session() {
    System.setProperty("qianmian.spark.partitions", "2");
    return Sessions.start("local[2]");
  }
}
