package io.qianmian.features.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ExpressionParserTest {
  private static final Schema SCHEMA =
      Schema.of(
          List.of(
              new Schema.Field("r", ValueType.NUMBER, Set.of(), "recency score"),
              new Schema.Field("f", ValueType.NUMBER, Set.of(), "frequency score"),
              new Schema.Field("monetary", ValueType.NUMBER, Set.of(), "spend"),
              new Schema.Field("aov", ValueType.NUMBER, Set.of(), "order value"),
              new Schema.Field("purchaseCycle", ValueType.NUMBER, Set.of(), "days between orders"),
              new Schema.Field("daysSinceLastPurchase", ValueType.NUMBER, Set.of(), "days"),
              new Schema.Field("lifecycle", ValueType.TEXT, Set.of("new", "active", "at-risk"), "stage"),
              new Schema.Field("channel", ValueType.TEXT, Set.of(), "channel")),
          Map.of("affinity", Set.of("category", "brand")));

  /** Three users: 0 is at risk and overdue, 1 at risk but within its cycle, 2 has no cycle (NaN). */
  private static final Binding USERS =
      new Binding() {
        @Override
        public IntToDoubleFunction number(String field) {
          double[] v =
              switch (field) {
                case "r" -> new double[] {2, 5, 4};
                case "f" -> new double[] {4, 1, 4};
                case "monetary" -> new double[] {100, 20, 50};
                case "aov" -> new double[] {25, 20, 12.5};
                case "purchaseCycle" -> new double[] {10, 30, Double.NaN};
                case "daysSinceLastPurchase" -> new double[] {16, 40, 100};
                default -> throw new IllegalArgumentException(field);
              };
          return u -> v[u];
        }

        @Override
        public IntFunction<String> text(String field) {
          String[] v =
              switch (field) {
                case "lifecycle" -> new String[] {"at-risk", "at-risk", "active"};
                case "channel" -> new String[] {"app", null, "web"};
                default -> throw new IllegalArgumentException(field);
              };
          return u -> v[u];
        }

        @Override
        public IntToDoubleFunction lookup(String function, String keyword, String value) {
          double[] v = value.equals("Books") ? new double[] {0.5, 0.1, 0.31} : new double[] {0, 0, 0};
          return u -> v[u];
        }
      };

  private static boolean[] matches(String text) {
    var p = ExpressionParser.parseCondition(text, SCHEMA).predicate(USERS);
    return new boolean[] {p.test(0), p.test(1), p.test(2)};
  }

  private static void failsAt(String text, int column, String reason) {
    ThrowingCallable parse = () -> ExpressionParser.parseCondition(text, SCHEMA);
    assertThatThrownBy(parse)
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("column " + column + ": ")
        .hasMessageContaining(reason);
  }

  @Test
  void churnRiskExampleComparesDaysWithTheScaledCycleAndUnknownCyclesNeverMatch() {
    assertThat(matches("lifecycle == at-risk and daysSinceLastPurchase > purchaseCycle * 1.5")).containsExactly(true, false, false);
  }

  @Test
  void affinityLookupWithKeywordAndQuotedName() {
    assertThat(matches("affinity(category \"Books\") > 0.3")).containsExactly(true, false, true);
    assertThat(ExpressionParser.parseCondition("affinity(category \"Books\") > 0.3 or affinity(brand, 'Acme') > 0", SCHEMA).lookups())
        .extracting(Expression.Lookup::keyword, Expression.Lookup::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("category", "Books"), org.assertj.core.groups.Tuple.tuple("brand", "Acme"));
  }

  @Test
  void andBindsTighterThanOrAndParenthesesOverrideIt() {
    assertThat(matches("r >= 4 or f >= 4 and monetary > 60")).containsExactly(true, true, true);
    assertThat(matches("(r >= 4 or f >= 4) and monetary > 60")).containsExactly(true, false, false);
    assertThat(matches("not (r >= 4) && !(f < 4)")).containsExactly(true, false, false);
  }

  @Test
  void arithmeticFollowsUsualPrecedence() {
    assertThat(matches("1 + 2 * 3 == 7 and -r < 0 and monetary / aov - 1 >= 3")).containsExactly(true, false, true);
  }

  @Test
  void textEqualityTreatsUnknownAsEqualToNothing() {
    assertThat(matches("channel == \"app\"")).containsExactly(true, false, false);
    assertThat(matches("channel != app")).containsExactly(false, true, true);
  }

  @Test
  void functionsHandleUnknownNumbers() {
    assertThat(matches("known(purchaseCycle)")).containsExactly(true, true, false);
    assertThat(matches("ifnull(purchaseCycle, 99) > 50")).containsExactly(false, false, true);
    assertThat(matches("max(r, f) == 5 or min(abs(-r), sqrt(16)) == 4 and log1p(0) == 0")).containsExactly(false, true, true);
  }

  @Test
  void numberExpressionsEvaluateToDoubles() {
    var x = ExpressionParser.parseNumber("log(monetary) + 1e1", SCHEMA).number(USERS);
    assertThat(x.applyAsDouble(0)).isEqualTo(Math.log(100) + 10);
  }

  @Test
  void unknownFieldIsNamedWithItsColumnAndASuggestion() {
    failsAt("r >= 4 and frequncy >= 4", 12, "unknown field 'frequncy'");
    failsAt("rr >= 4", 1, "did you mean 'r'?");
  }

  @Test
  void hyphenatedNameOfTwoFieldsHintsAtSubtraction() {
    failsAt("monetary-aov > 0", 1, "to subtract, put spaces around '-'");
    assertThat(matches("monetary - aov > 50")).containsExactly(true, false, false);
  }

  @Test
  void closedTextFieldRejectsValuesItNeverTakes() {
    failsAt("lifecycle == at-rsk", 14, "lifecycle is never 'at-rsk'; it is one of active, at-risk, new");
  }

  @Test
  void syntaxErrorsNameTheColumn() {
    failsAt("r >= ", 6, "ends too early");
    failsAt("(r >= 4 and f >= 4", 19, "expected a closing ')' for the '(' at column 1, found the end");
    failsAt("r >= 4 f >= 4", 8, "unexpected 'f'");
    failsAt("r > 1 < 2", 7, "comparisons cannot be chained");
    failsAt("channel == \"app", 12, "never closed");
    failsAt("r >= 4 # comment", 8, "unexpected character '#'");
    failsAt("r >= 4 and", 11, "ends too early");
    failsAt("", 1, "empty");
    failsAt("r >= 4abc", 6, "'4abc' is not a number");
  }

  @Test
  void typeErrorsNameTheColumn() {
    failsAt("r + 1", 1, "a segment rule must be a condition (true or false), but this is a number");
    failsAt("r >= \"4\"", 3, "cannot compare number with text");
    failsAt("channel > \"a\"", 9, "takes only == and !=");
    failsAt("r and f", 1, "'and' needs a condition on its left, but this is a number");
    failsAt("channel + 1 > 0", 1, "'+' needs a number on its left, but this is text");
  }

  @Test
  void functionErrorsNameTheColumn() {
    failsAt("affinity(colour \"red\") > 0", 10, "affinity(…) starts with one of brand, category, found 'colour'");
    failsAt("affinity(category Books) > 0", 19, "expected a quoted name after 'category'");
    failsAt("min(r) > 0", 6, "min takes 2 arguments, found 1");
    failsAt("mean(r) > 0", 1, "unknown function 'mean'");
  }
}
