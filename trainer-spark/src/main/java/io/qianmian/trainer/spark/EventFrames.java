package io.qianmian.trainer.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.udf;

import io.qianmian.features.data.EventType;
import io.qianmian.features.data.Events;
import io.qianmian.features.data.IdDictionary;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/**
 * The behavior log as Spark rows. Inside a job, events have the dataset's dense indexes: {@code
 * user int, item int, type int} (the {@link EventType} code), {@code time long} (epoch ms), {@code
 * quantity int}. Outside (the Parquet export, event files of other systems) they have the store's
 * string ids: {@code user_id, item_id, type} (wire name, e.g. {@code add-to-cart}), {@code time}
 * (timestamp or epoch ms), {@code quantity}, and the export adds {@code price} and the partition
 * column {@code day}.
 */
final class EventFrames {
  /** The columns of events inside a job. */
  static final StructType DENSE =
      new StructType()
          .add("user", DataTypes.IntegerType, false)
          .add("item", DataTypes.IntegerType, false)
          .add("type", DataTypes.IntegerType, false)
          .add("time", DataTypes.LongType, false)
          .add("quantity", DataTypes.IntegerType, false);

  /** The columns of the export, before the {@code day} partition. */
  static final StructType EXPORTED =
      new StructType()
          .add("user_id", DataTypes.StringType, true)
          .add("item_id", DataTypes.StringType, true)
          .add("type", DataTypes.StringType, false)
          .add("time", DataTypes.TimestampType, false)
          .add("quantity", DataTypes.IntegerType, false)
          .add("price", DataTypes.DoubleType, false);

  private static final int ROWS_PER_SLICE = 1 << 20;

  private EventFrames() {}

  /**
   * The events of a dataset loaded on the driver. Its columns travel once per executor as a
   * broadcast (in {@code local[N]} they are not even copied) and are cut into slices there.
   */
  static Dataset<Row> dense(SparkSession spark, io.qianmian.features.data.Dataset data) {
    Events e = data.events();
    Broadcast<Columns> columns = broadcast(spark, new Columns(e.user(), e.item(), e.type(), e.time(), e.quantity(), e.price(), null, null));
    return slices(spark, e.size(), columns, false);
  }

  /** The events of a dataset with string ids and a {@code day} column (UTC), for the export. */
  static Dataset<Row> exported(SparkSession spark, io.qianmian.features.data.Dataset data) {
    Events e = data.events();
    Broadcast<Columns> columns =
        broadcast(
            spark,
            new Columns(e.user(), e.item(), e.type(), e.time(), e.quantity(), e.price(), data.users().ids().toArray(String[]::new),
                data.items().ids().toArray(String[]::new)));
    return slices(spark, e.size(), columns, true).withColumn("day", to_date(col("time")));
  }

  /**
   * Events written by another system or by the export, mapped to the dataset's dense indexes. Rows
   * of users or items the dataset does not know, and of unknown event types, are dropped.
   *
   * @param uri any path Spark reads (local, {@code hdfs://}, {@code s3a://} with the user's Hadoop
   *     configuration)
   * @param format a Spark source: parquet, orc, json, csv (csv with a header row)
   */
  static Dataset<Row> read(SparkSession spark, String uri, String format, IdDictionary users, IdDictionary items) {
    Dataset<Row> raw = spark.read().format(format).option("header", "true").option("inferSchema", "true").load(uri);
    Set<String> columns = Set.of(raw.columns());
    for (String needed : List.of("user_id", "item_id", "type", "time")) {
      if (!columns.contains(needed)) {
        throw new IllegalArgumentException(uri + ": the events have no column '" + needed + "' (columns: " + String.join(", ", raw.columns())
            + "; expected user_id, item_id, type, time and optionally quantity)");
      }
    }
    Column time = raw.schema().apply("time").dataType() instanceof TimestampType ? org.apache.spark.sql.functions.unix_millis(col("time")) : col("time").cast("long");
    Column quantity = columns.contains("quantity") ? col("quantity").cast("int") : lit(1);
    var typeCode = udf((String t) -> t == null ? -1 : EventType.parse(t).map(x -> (int) x.code()).orElse(-1), DataTypes.IntegerType);
    Dataset<Row> events =
        raw.select(col("user_id").cast("string").as("user_id"), col("item_id").cast("string").as("item_id"), typeCode.apply(col("type").cast("string")).as("type"),
            time.as("time"), quantity.as("quantity"));
    Dataset<Row> userIds = dictionary(spark, users, "user_id", "user");
    Dataset<Row> itemIds = dictionary(spark, items, "item_id", "item");
    return events
        .where(col("type").geq(0).and(col("time").isNotNull()))
        .join(userIds, "user_id")
        .join(itemIds, "item_id")
        .select(col("user"), col("item"), col("type"), col("time"), org.apache.spark.sql.functions.coalesce(col("quantity"), lit(1)).as("quantity"));
  }

  /** A dictionary as rows of (id, dense index). */
  private static Dataset<Row> dictionary(SparkSession spark, IdDictionary ids, String idColumn, String indexColumn) {
    List<Row> rows = new ArrayList<>(ids.size());
    for (int k = 0; k < ids.size(); k++) {
      rows.add(RowFactory.create(ids.id(k), k));
    }
    StructType schema = new StructType().add(idColumn, DataTypes.StringType, false).add(indexColumn, DataTypes.IntegerType, false);
    return spark.createDataFrame(rows, schema);
  }

  private static Broadcast<Columns> broadcast(SparkSession spark, Columns columns) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(columns);
  }

  private static Dataset<Row> slices(SparkSession spark, int rows, Broadcast<Columns> columns, boolean withIds) {
    List<Integer> slices = new ArrayList<>();
    for (int s = 0; s * (long) ROWS_PER_SLICE < rows; s++) {
      slices.add(s);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    var rdd = jsc.parallelize(slices, Math.max(1, slices.size())).flatMap(s -> new SliceRows(columns.value(), s * ROWS_PER_SLICE, Math.min(rows, (s + 1) * ROWS_PER_SLICE), withIds));
    return spark.createDataFrame(rdd, withIds ? EXPORTED : DENSE);
  }

  /** The event columns a job needs, and the string ids when exporting. */
  record Columns(int[] user, int[] item, byte[] type, long[] time, int[] quantity, float[] price, String[] userIds, String[] itemIds)
      implements Serializable {}

  /**
   * Rows {@code [from, to)} of the columns. Events without a user or an item (a search, a page
   * view) are skipped inside a job and exported with a null id.
   */
  private static final class SliceRows implements Iterator<Row> {
    private final Columns c;
    private final int to;
    private final boolean withIds;
    private int next;

    SliceRows(Columns c, int from, int to, boolean withIds) {
      this.c = c;
      this.to = to;
      this.withIds = withIds;
      this.next = from;
      skip();
    }

    private void skip() {
      while (!withIds && next < to && (c.user()[next] < 0 || c.item()[next] < 0)) {
        next++;
      }
    }

    @Override
    public boolean hasNext() {
      return next < to;
    }

    @Override
    public Row next() {
      if (next >= to) {
        throw new NoSuchElementException();
      }
      int r = next++;
      Row row =
          withIds
              ? RowFactory.create(id(c.userIds(), c.user()[r]), id(c.itemIds(), c.item()[r]), EventType.ofCode(c.type()[r]).wireName(),
                  new java.sql.Timestamp(c.time()[r]), c.quantity()[r], (double) c.price()[r])
              : RowFactory.create(c.user()[r], c.item()[r], (int) c.type()[r], c.time()[r], c.quantity()[r]);
      skip();
      return row;
    }

    private static String id(String[] ids, int index) {
      return index < 0 ? null : ids[index];
    }
  }
}
