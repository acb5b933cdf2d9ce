package io.qianmian.trainer.spark;

import org.apache.spark.sql.SparkSession;

/** One {@code local[2]} session for all the tests of a JVM (starting one takes seconds). */
final class LocalSpark {
  private LocalSpark() {}

  static SparkSession session() {
    System.setProperty("qianmian.spark.partitions", "2");
    SparkSession spark = Sessions.start("local[2]");
    // Fixtures of a few rows: generating and compiling code per query, and re-planning shuffles,
    // cost more than they save.
    spark.conf().set("spark.sql.codegen.wholeStage", "false");
    spark.conf().set("spark.sql.adaptive.enabled", "false");
    return spark;
  }
}
