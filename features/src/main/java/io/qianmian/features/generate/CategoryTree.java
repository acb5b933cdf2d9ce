package io.qianmian.features.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's three-level category tree: top category, department, leaf. Each leaf has a typical
 * (median) price, a noun for product titles and, for consumables, the days after which a shopper
 * usually buys again. Top categories carry their share of the store's traffic and a refund rate.
 */
final class CategoryTree {
  /** top | traffic share | refund rate of purchases. */
  private static final String TOPS =
      """
      Electronics | 0.15 | 0.03
      Home        | 0.14 | 0.02
      Beauty      | 0.13 | 0.02
      Grocery     | 0.14 | 0.01
      Fashion     | 0.18 | 0.09
      Sports      | 0.09 | 0.03
      Books       | 0.08 | 0.01
      Toys        | 0.09 | 0.02
      """;

  /** path | median price | repurchase cycle in days, 0 for durables | noun for titles. */
  private static final String LEAVES =
      """
      Electronics > Phones > Smartphones          | 420 | 0  | Smartphone
      Electronics > Phones > Phone Cases          | 15  | 0  | Phone Case
      Electronics > Phones > Chargers             | 20  | 0  | Charger
      Electronics > Audio > Headphones            | 90  | 0  | Headphones
      Electronics > Audio > Speakers              | 70  | 0  | Speaker
      Electronics > Audio > Earbuds               | 60  | 0  | Earbuds
      Electronics > Computers > Laptops           | 900 | 0  | Laptop
      Electronics > Computers > Monitors          | 220 | 0  | Monitor
      Electronics > Computers > Keyboards         | 45  | 0  | Keyboard
      Electronics > Smart Home > Smart Plugs      | 18  | 0  | Smart Plug
      Electronics > Smart Home > Security Cameras | 60  | 0  | Security Camera
      Electronics > Smart Home > Robot Vacuums    | 250 | 0  | Robot Vacuum
      Home > Kitchen > Cookware                   | 45  | 0  | Pan Set
      Home > Kitchen > Knives                     | 35  | 0  | Knife
      Home > Kitchen > Small Appliances           | 70  | 0  | Blender
      Home > Bedding > Sheets                     | 40  | 0  | Sheet Set
      Home > Bedding > Pillows                    | 25  | 0  | Pillow
      Home > Bedding > Duvets                     | 80  | 0  | Duvet
      Home > Decor > Lamps                        | 40  | 0  | Lamp
      Home > Decor > Candles                      | 12  | 40 | Candle
      Home > Decor > Vases                        | 22  | 0  | Vase
      Home > Cleaning > Detergent                 | 9   | 21 | Detergent
      Home > Cleaning > Paper Towels              | 7   | 14 | Paper Towels
      Home > Cleaning > Sponges                   | 4   | 30 | Sponges
      Beauty > Skincare > Cleansers               | 18  | 35 | Cleanser
      Beauty > Skincare > Moisturizers            | 28  | 40 | Moisturizer
      Beauty > Skincare > Sunscreen               | 16  | 45 | Sunscreen
      Beauty > Makeup > Lipstick                  | 20  | 60 | Lipstick
      Beauty > Makeup > Foundation                | 30  | 50 | Foundation
      Beauty > Makeup > Mascara                   | 15  | 45 | Mascara
      Beauty > Hair Care > Shampoo                | 10  | 30 | Shampoo
      Beauty > Hair Care > Conditioner            | 10  | 30 | Conditioner
      Beauty > Hair Care > Hair Dryers            | 60  | 0  | Hair Dryer
      Grocery > Snacks > Chips                    | 3   | 7  | Chips
      Grocery > Snacks > Nuts                     | 8   | 14 | Mixed Nuts
      Grocery > Snacks > Chocolate                | 5   | 10 | Chocolate
      Grocery > Beverages > Tea                   | 9   | 21 | Tea
      Grocery > Beverages > Coffee                | 12  | 14 | Coffee
      Grocery > Beverages > Juice                 | 4   | 7  | Juice
      Grocery > Pantry > Rice                     | 10  | 21 | Rice
      Grocery > Pantry > Noodles                  | 4   | 10 | Noodles
      Grocery > Pantry > Sauces                   | 5   | 28 | Soy Sauce
      Grocery > Fresh > Fruit                     | 6   | 5  | Fruit Box
      Grocery > Fresh > Dairy                     | 4   | 5  | Yogurt
      Grocery > Fresh > Bakery                    | 3   | 4  | Bread
      Fashion > Women > Dresses                   | 45  | 0  | Dress
      Fashion > Women > Tops                      | 25  | 0  | Top
      Fashion > Women > Shoes                     | 60  | 0  | Sneakers
      Fashion > Men > Shirts                      | 30  | 0  | Shirt
      Fashion > Men > Trousers                    | 40  | 0  | Trousers
      Fashion > Men > Shoes                       | 70  | 0  | Loafers
      Fashion > Accessories > Bags                | 50  | 0  | Bag
      Fashion > Accessories > Watches             | 110 | 0  | Watch
      Fashion > Accessories > Sunglasses          | 35  | 0  | Sunglasses
      Sports > Fitness > Yoga Mats                | 25  | 0  | Yoga Mat
      Sports > Fitness > Dumbbells                | 40  | 0  | Dumbbell Set
      Sports > Fitness > Protein                  | 30  | 30 | Protein Powder
      Sports > Outdoor > Tents                    | 120 | 0  | Tent
      Sports > Outdoor > Backpacks                | 55  | 0  | Backpack
      Sports > Outdoor > Hiking Boots             | 95  | 0  | Hiking Boots
      Sports > Cycling > Bikes                    | 450 | 0  | Bike
      Sports > Cycling > Helmets                  | 50  | 0  | Helmet
      Sports > Cycling > Bike Lights              | 20  | 0  | Bike Light
      Books > Fiction > Novels                    | 14  | 0  | Novel
      Books > Fiction > Mystery                   | 12  | 0  | Mystery
      Books > Fiction > Science Fiction           | 13  | 0  | Sci-Fi Novel
      Books > Non-fiction > Business              | 20  | 0  | Business Book
      Books > Non-fiction > History               | 18  | 0  | History Book
      Books > Non-fiction > Cooking               | 22  | 0  | Cookbook
      Books > Children > Picture Books            | 10  | 0  | Picture Book
      Books > Children > Early Readers            | 8   | 0  | Early Reader
      Toys > Building > Blocks                    | 35  | 0  | Block Set
      Toys > Building > Model Kits                | 40  | 0  | Model Kit
      Toys > Games > Board Games                  | 30  | 0  | Board Game
      Toys > Games > Puzzles                      | 15  | 0  | Puzzle
      Toys > Dolls & Plush > Dolls                | 25  | 0  | Doll
      Toys > Dolls & Plush > Plush                | 15  | 0  | Plush Toy
      Toys > Outdoor Play > Scooters              | 55  | 0  | Scooter
      Toys > Outdoor Play > Water Toys            | 12  | 0  | Water Blaster
      """;

  final String[] topNames;
  final double[] topShare;
  final double[] topRefundRate;
  /** Per leaf: its full path ({@code A > B > C}), its top category, and the columns of the table. */
  final String[] leafPath;
  final int[] leafTop;
  final double[] leafMedianPrice;
  final int[] leafCycleDays;
  final String[] leafNoun;
  /** Leaves of each top category. */
  final int[][] leavesOfTop;

  private CategoryTree() {
    Map<String, Integer> tops = new LinkedHashMap<>();
    List<String[]> topRows = rows(TOPS);
    topNames = new String[topRows.size()];
    topShare = new double[topRows.size()];
    topRefundRate = new double[topRows.size()];
    for (String[] r : topRows) {
      int t = tops.size();
      tops.put(r[0], t);
      topNames[t] = r[0];
      topShare[t] = Double.parseDouble(r[1]);
      topRefundRate[t] = Double.parseDouble(r[2]);
    }
    List<String[]> leafRows = rows(LEAVES);
    int n = leafRows.size();
    leafPath = new String[n];
    leafTop = new int[n];
    leafMedianPrice = new double[n];
    leafCycleDays = new int[n];
    leafNoun = new String[n];
    List<List<Integer>> byTop = new ArrayList<>();
    for (int t = 0; t < topNames.length; t++) {
      byTop.add(new ArrayList<>());
    }
    for (int l = 0; l < n; l++) {
      String[] r = leafRows.get(l);
      leafPath[l] = r[0];
      leafTop[l] = tops.get(r[0].substring(0, r[0].indexOf(" > ")));
      leafMedianPrice[l] = Double.parseDouble(r[1]);
      leafCycleDays[l] = Integer.parseInt(r[2]);
      leafNoun[l] = r[3];
      byTop.get(leafTop[l]).add(l);
    }
    leavesOfTop = byTop.stream().map(list -> list.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
  }

  /** The one tree every generated store uses. */
  static final CategoryTree STORE = new CategoryTree();

  int leaves() {
    return leafPath.length;
  }

  int tops() {
    return topNames.length;
  }

  boolean consumable(int leaf) {
    return leafCycleDays[leaf] > 0;
  }

  int topIndex(String name) {
    for (int t = 0; t < topNames.length; t++) {
      if (topNames[t].equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("no top category " + name);
  }

  private static List<String[]> rows(String table) {
    List<String[]> rows = new ArrayList<>();
    for (String line : table.strip().split("\n")) {
      String[] cells = line.split("\\|");
      for (int i = 0; i < cells.length; i++) {
        cells[i] = cells[i].strip();
      }
      rows.add(cells);
    }
    return rows;
  }
}
