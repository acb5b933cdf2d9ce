package io.qianmian.features.segment;

import io.qianmian.features.segment.Expression.Binary;
import io.qianmian.features.segment.Expression.BooleanLiteral;
import io.qianmian.features.segment.Expression.Call;
import io.qianmian.features.segment.Expression.FieldRef;
import io.qianmian.features.segment.Expression.Lookup;
import io.qianmian.features.segment.Expression.NumberLiteral;
import io.qianmian.features.segment.Expression.TextLiteral;
import io.qianmian.features.segment.Expression.Unary;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * Turns a checked expression into a tree of primitive lambdas over user indexes, once, so that
 * evaluating it for a million users costs a few calls per node and no allocation.
 */
final class Evaluation {
  private Evaluation() {}

  static IntPredicate test(Expression e, Binding b) {
    return switch (e) {
      case BooleanLiteral l -> {
        boolean v = l.value();
        yield u -> v;
      }
      case Unary u -> {
        IntPredicate p = test(u.operand(), b);
        yield p.negate();
      }
      case Call c -> {
        // known(x): the only boolean function.
        IntToDoubleFunction x = number(c.args().getFirst(), b);
        yield u -> !Double.isNaN(x.applyAsDouble(u));
      }
      case Binary bin -> binaryTest(bin, b);
      default -> throw new IllegalStateException("not a condition: " + e);
    };
  }

  private static IntPredicate binaryTest(Binary bin, Binding b) {
    Expression l = bin.left();
    Expression r = bin.right();
    switch (bin.operator()) {
      case AND -> {
        return test(l, b).and(test(r, b));
      }
      case OR -> {
        return test(l, b).or(test(r, b));
      }
      default -> {}
    }
    if (l.type() == ValueType.TEXT) {
      IntFunction<String> x = text(l, b);
      IntFunction<String> y = text(r, b);
      return switch (bin.operator()) {
        case EQ -> u -> {
          String a = x.apply(u);
          return a != null && a.equals(y.apply(u));
        };
        case NE -> u -> {
          String a = x.apply(u);
          return a == null || !a.equals(y.apply(u));
        };
        default -> throw new IllegalStateException("text operator " + bin.operator());
      };
    }
    if (l.type() == ValueType.BOOLEAN) {
      IntPredicate x = test(l, b);
      IntPredicate y = test(r, b);
      return bin.operator() == Expression.Operator.EQ ? u -> x.test(u) == y.test(u) : u -> x.test(u) != y.test(u);
    }
    IntToDoubleFunction x = number(l, b);
    IntToDoubleFunction y = number(r, b);
    return switch (bin.operator()) {
      case EQ -> u -> x.applyAsDouble(u) == y.applyAsDouble(u);
      case NE -> u -> x.applyAsDouble(u) != y.applyAsDouble(u);
      case LT -> u -> x.applyAsDouble(u) < y.applyAsDouble(u);
      case LE -> u -> x.applyAsDouble(u) <= y.applyAsDouble(u);
      case GT -> u -> x.applyAsDouble(u) > y.applyAsDouble(u);
      case GE -> u -> x.applyAsDouble(u) >= y.applyAsDouble(u);
      default -> throw new IllegalStateException("comparison " + bin.operator());
    };
  }

  static IntToDoubleFunction number(Expression e, Binding b) {
    return switch (e) {
      case NumberLiteral n -> {
        double v = n.value();
        yield u -> v;
      }
      case FieldRef f -> Objects.requireNonNull(b.number(f.name()), f.name());
      case Lookup l -> Objects.requireNonNull(b.lookup(l.function(), l.keyword(), l.value()), l.toString());
      case Unary u -> {
        IntToDoubleFunction x = number(u.operand(), b);
        yield v -> -x.applyAsDouble(v);
      }
      case Call c -> call(c, b);
      case Binary bin -> {
        IntToDoubleFunction x = number(bin.left(), b);
        IntToDoubleFunction y = number(bin.right(), b);
        yield switch (bin.operator()) {
          case ADD -> u -> x.applyAsDouble(u) + y.applyAsDouble(u);
          case SUB -> u -> x.applyAsDouble(u) - y.applyAsDouble(u);
          case MUL -> u -> x.applyAsDouble(u) * y.applyAsDouble(u);
          case DIV -> u -> x.applyAsDouble(u) / y.applyAsDouble(u);
          default -> throw new IllegalStateException("arithmetic " + bin.operator());
        };
      }
      default -> throw new IllegalStateException("not a number: " + e);
    };
  }

  private static IntToDoubleFunction call(Call c, Binding b) {
    IntToDoubleFunction x = number(c.args().getFirst(), b);
    return switch (c.function()) {
      case "abs" -> u -> Math.abs(x.applyAsDouble(u));
      case "sqrt" -> u -> Math.sqrt(x.applyAsDouble(u));
      case "log" -> u -> Math.log(x.applyAsDouble(u));
      case "log1p" -> u -> Math.log1p(x.applyAsDouble(u));
      case "min", "max", "ifnull" -> {
        IntToDoubleFunction y = number(c.args().get(1), b);
        yield switch (c.function()) {
          case "min" -> u -> Math.min(x.applyAsDouble(u), y.applyAsDouble(u));
          case "max" -> u -> Math.max(x.applyAsDouble(u), y.applyAsDouble(u));
          default -> u -> {
            double v = x.applyAsDouble(u);
            return Double.isNaN(v) ? y.applyAsDouble(u) : v;
          };
        };
      }
      default -> throw new IllegalStateException("function " + c.function());
    };
  }

  static IntFunction<String> text(Expression e, Binding b) {
    return switch (e) {
      case TextLiteral t -> {
        String v = t.value();
        yield u -> v;
      }
      case FieldRef f -> Objects.requireNonNull(b.text(f.name()), f.name());
      default -> throw new IllegalStateException("not text: " + e);
    };
  }
}
