package io.qianmian.features.segment;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * A parsed, type-checked segment expression (see {@link ExpressionParser} for the grammar). Bind it
 * to data with {@link #predicate} or {@link #number} to evaluate it per user.
 */
public sealed interface Expression {
  /** What the expression evaluates to. */
  ValueType type();

  /** The 1-based column where the expression starts in its source text. */
  int column();

  /** Evaluates a boolean expression per user. */
  default IntPredicate predicate(Binding binding) {
    if (type() != ValueType.BOOLEAN) {
      throw new IllegalStateException("not a condition: " + this);
    }
    return Evaluation.test(this, binding);
  }

  /** Evaluates a number expression per user (NaN where unknown). */
  default IntToDoubleFunction number(Binding binding) {
    if (type() != ValueType.NUMBER) {
      throw new IllegalStateException("not a number: " + this);
    }
    return Evaluation.number(this, binding);
  }

  /** The lookups the expression uses, so that their columns can be computed before binding. */
  default Set<Lookup> lookups() {
    Set<Lookup> out = new LinkedHashSet<>();
    collectLookups(this, out);
    return out;
  }

  private static void collectLookups(Expression e, Set<Lookup> out) {
    switch (e) {
      case Lookup l -> out.add(l);
      case Call c -> c.args().forEach(a -> collectLookups(a, out));
      case Unary u -> collectLookups(u.operand(), out);
      case Binary b -> {
        collectLookups(b.left(), out);
        collectLookups(b.right(), out);
      }
      default -> {}
    }
  }

  /** A number literal. */
  record NumberLiteral(double value, int column) implements Expression {
    @Override
    public ValueType type() {
      return ValueType.NUMBER;
    }
  }

  /** A string literal, quoted or a bare word compared with a text field. */
  record TextLiteral(String value, int column) implements Expression {
    @Override
    public ValueType type() {
      return ValueType.TEXT;
    }
  }

  /** {@code true} or {@code false}. */
  record BooleanLiteral(boolean value, int column) implements Expression {
    @Override
    public ValueType type() {
      return ValueType.BOOLEAN;
    }
  }

  /** A field of the schema. */
  record FieldRef(String name, ValueType type, int column) implements Expression {}

  /** A lookup such as {@code affinity(category "Books")}: a number per user. */
  record Lookup(String function, String keyword, String value, int column) implements Expression {
    @Override
    public ValueType type() {
      return ValueType.NUMBER;
    }

    @Override
    public boolean equals(Object o) {
      // Two mentions of the same lookup share one column, wherever they are written.
      return o instanceof Lookup l && l.function.equals(function) && l.keyword.equals(keyword) && l.value.equals(value);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(function, keyword, value);
    }
  }

  /** A built-in function: abs, sqrt, log, log1p, min, max (numbers) or known (boolean). */
  record Call(String function, List<Expression> args, ValueType type, int column) implements Expression {
    public Call {
      args = List.copyOf(args);
    }
  }

  /** {@code -x} or {@code not x}. */
  record Unary(Operator operator, Expression operand, int column) implements Expression {
    @Override
    public ValueType type() {
      return operator == Operator.NOT ? ValueType.BOOLEAN : ValueType.NUMBER;
    }
  }

  /** Arithmetic, comparison or logic between two expressions. */
  record Binary(Operator operator, Expression left, Expression right, int column) implements Expression {
    @Override
    public ValueType type() {
      return operator.result();
    }
  }

  /** The operators, each with the type it yields. */
  enum Operator {
    OR("or", ValueType.BOOLEAN),
    AND("and", ValueType.BOOLEAN),
    NOT("not", ValueType.BOOLEAN),
    EQ("==", ValueType.BOOLEAN),
    NE("!=", ValueType.BOOLEAN),
    LT("<", ValueType.BOOLEAN),
    LE("<=", ValueType.BOOLEAN),
    GT(">", ValueType.BOOLEAN),
    GE(">=", ValueType.BOOLEAN),
    ADD("+", ValueType.NUMBER),
    SUB("-", ValueType.NUMBER),
    MUL("*", ValueType.NUMBER),
    DIV("/", ValueType.NUMBER),
    NEG("-", ValueType.NUMBER);

    private final String symbol;
    private final ValueType result;

    Operator(String symbol, ValueType result) {
      this.symbol = symbol;
      this.result = result;
    }

    /** As written in expressions. */
    public String symbol() {
      return symbol;
    }

    ValueType result() {
      return result;
    }
  }
}
