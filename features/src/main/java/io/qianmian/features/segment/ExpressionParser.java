package io.qianmian.features.segment;

import io.qianmian.features.segment.Expression.Binary;
import io.qianmian.features.segment.Expression.BooleanLiteral;
import io.qianmian.features.segment.Expression.Call;
import io.qianmian.features.segment.Expression.FieldRef;
import io.qianmian.features.segment.Expression.Lookup;
import io.qianmian.features.segment.Expression.NumberLiteral;
import io.qianmian.features.segment.Expression.Operator;
import io.qianmian.features.segment.Expression.TextLiteral;
import io.qianmian.features.segment.Expression.Unary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses and type-checks segment expressions against a {@link Schema}. The grammar, loosest first:
 *
 * <pre>
 * condition  := or
 * or         := and ( ("or" | "||") and )*
 * and        := not ( ("and" | "&amp;&amp;") not )*
 * not        := ("not" | "!") not | comparison
 * comparison := sum ( ("==" | "=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") sum )?
 * sum        := product ( ("+" | "-") product )*
 * product    := unary ( ("*" | "/") unary )*
 * unary      := "-" unary | primary
 * primary    := NUMBER | STRING | "true" | "false" | "(" or ")"
 *             | FIELD | WORD | LOOKUP "(" KEYWORD [","] STRING ")" | FUNCTION "(" or ("," or)* ")"
 * </pre>
 *
 * <p>Names may contain hyphens between letters ({@code at-risk}), so subtraction of a name needs
 * spaces ({@code a - b}). A bare word that is not a field ({@code lifecycle == at-risk}) is a string,
 * allowed only where it is compared with a text field; a field with a closed set of values rejects
 * values outside it. Strings are quoted with {@code "} or {@code '}. Functions: {@code abs, sqrt,
 * log, log1p} (one number), {@code min, max} (two numbers), {@code ifnull(x, y)} (y where x is
 * unknown), {@code known(x)} (whether x is known). Keywords are case-insensitive.
 *
 * <p>Errors are {@link ExpressionException}s naming the 1-based column.
 */
public final class ExpressionParser {
  private static final Map<String, Integer> FUNCTIONS =
      Map.of("abs", 1, "sqrt", 1, "log", 1, "log1p", 1, "min", 2, "max", 2, "ifnull", 2, "known", 1);

  private final String text;
  private final Schema schema;
  private final List<Token> tokens;
  /** String literals that were written as bare words: legal only when compared with text. */
  private final Set<Expression> bareWords = Collections.newSetFromMap(new IdentityHashMap<>());
  private int at;

  private ExpressionParser(String text, Schema schema) {
    this.text = text;
    this.schema = schema;
    this.tokens = Lexer.tokens(text);
  }

  /** Parses a condition (e.g. a rule segment), which must be true or false per user. */
  public static Expression parseCondition(String text, Schema schema) {
    return parse(text, schema, ValueType.BOOLEAN, "a segment rule must be a condition (true or false)");
  }

  /** Parses a number expression (e.g. a clustering feature). */
  public static Expression parseNumber(String text, Schema schema) {
    return parse(text, schema, ValueType.NUMBER, "expected a number expression");
  }

  private static Expression parse(String text, Schema schema, ValueType want, String what) {
    ExpressionParser p = new ExpressionParser(text, schema);
    if (p.peek().kind == Kind.END) {
      throw new ExpressionException(1, "the expression is empty");
    }
    Expression e = p.or();
    Token rest = p.peek();
    if (rest.kind != Kind.END) {
      String hint = rest.isComparison() ? " (comparisons cannot be chained; join them with 'and')" : "";
      throw new ExpressionException(rest.column, "unexpected '" + rest.text + "' after a complete expression" + hint);
    }
    p.require(e, want, what);
    return e;
  }

  private Expression or() {
    Expression left = and();
    while (peek().isWord("or") || peek().is("||")) {
      Token op = next();
      left = logic(Operator.OR, left, and(), op);
    }
    return left;
  }

  private Expression and() {
    Expression left = not();
    while (peek().isWord("and") || peek().is("&&")) {
      Token op = next();
      left = logic(Operator.AND, left, not(), op);
    }
    return left;
  }

  private Expression not() {
    if (peek().isWord("not") || peek().is("!")) {
      Token op = next();
      Expression operand = not();
      require(operand, ValueType.BOOLEAN, "'" + op.text + "' needs a condition");
      return new Unary(Operator.NOT, operand, op.column);
    }
    return comparison();
  }

  private Expression logic(Operator op, Expression left, Expression right, Token token) {
    require(left, ValueType.BOOLEAN, "'" + token.text + "' needs a condition on its left");
    require(right, ValueType.BOOLEAN, "'" + token.text + "' needs a condition on its right");
    return new Binary(op, left, right, left.column());
  }

  private Expression comparison() {
    Expression left = sum();
    if (!peek().isComparison()) {
      return left;
    }
    Token op = next();
    Expression right = sum();
    Operator operator =
        switch (op.text) {
          case "==", "=" -> Operator.EQ;
          case "!=" -> Operator.NE;
          case "<" -> Operator.LT;
          case "<=" -> Operator.LE;
          case ">" -> Operator.GT;
          default -> Operator.GE;
        };
    return checkComparison(operator, left, right, op);
  }

  private Expression checkComparison(Operator op, Expression left, Expression right, Token token) {
    boolean leftWord = bareWords.contains(left);
    boolean rightWord = bareWords.contains(right);
    if (leftWord && (rightWord || right.type() != ValueType.TEXT)) {
      throw unknownField((TextLiteral) left);
    }
    if (rightWord && left.type() != ValueType.TEXT) {
      throw unknownField((TextLiteral) right);
    }
    if (left.type() != right.type()) {
      throw new ExpressionException(
          token.column, "cannot compare " + left.type().lower() + " with " + right.type().lower() + " using '" + token.text + "'");
    }
    if (left.type() != ValueType.NUMBER && op != Operator.EQ && op != Operator.NE) {
      throw new ExpressionException(token.column, "'" + token.text + "' compares numbers; " + left.type().lower() + " takes only == and !=");
    }
    checkValue(left, right);
    checkValue(right, left);
    return new Binary(op, left, right, left.column());
  }

  /** A text field with a closed set of values must be compared with one of them. */
  private void checkValue(Expression field, Expression value) {
    if (field instanceof FieldRef f && value instanceof TextLiteral t) {
      Set<String> values = schema.fields().get(f.name()).values();
      if (!values.isEmpty() && !values.contains(t.value())) {
        throw new ExpressionException(
            t.column(), f.name() + " is never '" + t.value() + "'; it is one of " + String.join(", ", new TreeSet<>(values)));
      }
    }
  }

  private Expression sum() {
    Expression left = product();
    while (peek().is("+") || peek().is("-")) {
      Token op = next();
      left = arithmetic(op.is("+") ? Operator.ADD : Operator.SUB, left, product(), op);
    }
    return left;
  }

  private Expression product() {
    Expression left = unary();
    while (peek().is("*") || peek().is("/")) {
      Token op = next();
      left = arithmetic(op.is("*") ? Operator.MUL : Operator.DIV, left, unary(), op);
    }
    return left;
  }

  private Expression arithmetic(Operator op, Expression left, Expression right, Token token) {
    require(left, ValueType.NUMBER, "'" + token.text + "' needs a number on its left");
    require(right, ValueType.NUMBER, "'" + token.text + "' needs a number on its right");
    return new Binary(op, left, right, left.column());
  }

  private Expression unary() {
    if (peek().is("-")) {
      Token op = next();
      Expression operand = unary();
      require(operand, ValueType.NUMBER, "'-' needs a number");
      return new Unary(Operator.NEG, operand, op.column);
    }
    return primary();
  }

  private Expression primary() {
    Token t = next();
    switch (t.kind) {
      case NUMBER -> {
        try {
          return new NumberLiteral(Double.parseDouble(t.text), t.column);
        } catch (NumberFormatException e) {
          throw new ExpressionException(t.column, "'" + t.text + "' is not a number");
        }
      }
      case STRING -> {
        return new TextLiteral(t.value, t.column);
      }
      case OPEN -> {
        Expression inner = or();
        expect(")", "a closing ')' for the '(' at column " + t.column);
        return inner;
      }
      case NAME -> {
        return name(t);
      }
      case END -> throw new ExpressionException(t.column, "the expression ends too early: expected a value");
      default -> throw new ExpressionException(t.column, "expected a value, found '" + t.text + "'");
    }
  }

  private Expression name(Token t) {
    String lower = t.text.toLowerCase(Locale.ROOT);
    if (lower.equals("true") || lower.equals("false")) {
      return new BooleanLiteral(lower.equals("true"), t.column);
    }
    if (lower.equals("and") || lower.equals("or") || lower.equals("not")) {
      throw new ExpressionException(t.column, "expected a value before '" + t.text + "'");
    }
    if (peek().kind == Kind.OPEN) {
      return schema.lookups().containsKey(t.text) ? lookup(t) : call(t);
    }
    Schema.Field field = schema.fields().get(t.text);
    if (field != null) {
      return new FieldRef(field.name(), field.type(), t.column);
    }
    TextLiteral word = new TextLiteral(t.text, t.column);
    bareWords.add(word);
    return word;
  }

  private Expression lookup(Token name) {
    next(); // (
    Set<String> keywords = schema.lookups().get(name.text);
    Token keyword = next();
    if (keyword.kind != Kind.NAME || !keywords.contains(keyword.text)) {
      throw new ExpressionException(
          keyword.column, name.text + "(…) starts with one of " + String.join(", ", new TreeSet<>(keywords)) + ", found '" + keyword.text + "'");
    }
    if (peek().kind == Kind.COMMA) {
      next();
    }
    Token value = next();
    if (value.kind != Kind.STRING) {
      throw new ExpressionException(value.column, "expected a quoted name after '" + keyword.text + "', found '" + value.text + "'");
    }
    expect(")", "a closing ')' for " + name.text + "(");
    return new Lookup(name.text, keyword.text, value.value, name.column);
  }

  private Expression call(Token name) {
    Integer arity = FUNCTIONS.get(name.text);
    if (arity == null) {
      Set<String> known = new TreeSet<>(FUNCTIONS.keySet());
      known.addAll(schema.lookups().keySet());
      throw new ExpressionException(name.column, "unknown function '" + name.text + "'; functions are " + String.join(", ", known));
    }
    next(); // (
    List<Expression> args = new ArrayList<>();
    if (peek().kind != Kind.CLOSE) {
      args.add(or());
      while (peek().kind == Kind.COMMA) {
        next();
        args.add(or());
      }
    }
    Token close = expect(")", "',' or ')' in the arguments of " + name.text);
    if (args.size() != arity) {
      throw new ExpressionException(
          close.column, name.text + " takes " + arity + " argument" + (arity == 1 ? "" : "s") + ", found " + args.size());
    }
    for (int i = 0; i < args.size(); i++) {
      require(args.get(i), ValueType.NUMBER, name.text + " takes numbers");
    }
    ValueType type = name.text.equals("known") ? ValueType.BOOLEAN : ValueType.NUMBER;
    return new Call(name.text, args, type, name.column);
  }

  private void require(Expression e, ValueType type, String what) {
    if (e instanceof TextLiteral t && bareWords.contains(t)) {
      throw unknownField(t);
    }
    if (e.type() != type) {
      throw new ExpressionException(e.column(), what + ", but this is " + article(e.type()));
    }
  }

  private static String article(ValueType t) {
    return switch (t) {
      case NUMBER -> "a number";
      case TEXT -> "text";
      case BOOLEAN -> "a condition";
    };
  }

  private ExpressionException unknownField(TextLiteral word) {
    String name = word.value();
    StringBuilder msg = new StringBuilder("unknown field '").append(name).append('\'');
    String close = closest(name);
    if (close != null) {
      msg.append("; did you mean '").append(close).append("'?");
    } else if (name.contains("-") && splitsIntoFields(name)) {
      msg.append("; to subtract, put spaces around '-'");
    } else {
      msg.append("; fields are ").append(String.join(", ", schema.fields().keySet()));
    }
    return new ExpressionException(word.column(), msg.toString());
  }

  private boolean splitsIntoFields(String name) {
    for (String part : name.split("-")) {
      if (!schema.fields().containsKey(part)) {
        return false;
      }
    }
    return true;
  }

  private String closest(String name) {
    String best = null;
    int bestDistance = 3;
    for (String f : schema.fields().keySet()) {
      int d = distance(name.toLowerCase(Locale.ROOT), f.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = f;
      }
    }
    return best;
  }

  /** Levenshtein distance, for "did you mean". */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private Token expect(String symbol, String what) {
    Token t = next();
    if (!t.text.equals(symbol) || t.kind == Kind.STRING) {
      String found = t.kind == Kind.END ? "the end" : "'" + t.text + "'";
      throw new ExpressionException(t.column, "expected " + what + ", found " + found);
    }
    return t;
  }

  private Token peek() {
    return tokens.get(at);
  }

  private Token next() {
    Token t = tokens.get(at);
    if (t.kind != Kind.END) {
      at++;
    }
    return t;
  }

  @Override
  public String toString() {
    return "ExpressionParser[" + text + "]";
  }

  enum Kind {
    NUMBER,
    STRING,
    NAME,
    OPERATOR,
    OPEN,
    CLOSE,
    COMMA,
    END
  }

  /** A token; {@code value} is the unquoted content of a string. */
  record Token(Kind kind, String text, String value, int column) {
    boolean is(String symbol) {
      return kind == Kind.OPERATOR && text.equals(symbol);
    }

    boolean isWord(String word) {
      return kind == Kind.NAME && text.equalsIgnoreCase(word);
    }

    boolean isComparison() {
      return kind == Kind.OPERATOR && switch (text) {
        case "==", "=", "!=", "<", "<=", ">", ">=" -> true;
        default -> false;
      };
    }
  }

  /** Splits expression text into tokens. */
  static final class Lexer {
    private Lexer() {}

    static List<Token> tokens(String s) {
      List<Token> out = new ArrayList<>();
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        int col = i + 1;
        if (Character.isWhitespace(c)) {
          i++;
        } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
          int end = number(s, i);
          out.add(new Token(Kind.NUMBER, s.substring(i, end), null, col));
          i = end;
        } else if (Character.isLetter(c) || c == '_') {
          int end = name(s, i);
          out.add(new Token(Kind.NAME, s.substring(i, end), null, col));
          i = end;
        } else if (c == '"' || c == '\'') {
          i = string(s, i, out);
        } else if (c == '(') {
          out.add(new Token(Kind.OPEN, "(", null, col));
          i++;
        } else if (c == ')') {
          out.add(new Token(Kind.CLOSE, ")", null, col));
          i++;
        } else if (c == ',') {
          out.add(new Token(Kind.COMMA, ",", null, col));
          i++;
        } else {
          String op = operator(s, i);
          if (op == null) {
            throw new ExpressionException(col, "unexpected character '" + c + "'");
          }
          out.add(new Token(Kind.OPERATOR, op, null, col));
          i += op.length();
        }
      }
      out.add(new Token(Kind.END, "", null, s.length() + 1));
      return out;
    }

    private static int number(String s, int i) {
      int j = i;
      while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
        j++;
      }
      if (j < s.length() && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
        int k = j + 1;
        if (k < s.length() && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
          k++;
        }
        if (k < s.length() && Character.isDigit(s.charAt(k))) {
          j = k;
          while (j < s.length() && Character.isDigit(s.charAt(j))) {
            j++;
          }
        }
      }
      if (j < s.length() && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '_')) {
        throw new ExpressionException(i + 1, "'" + s.substring(i, name(s, j)) + "' is not a number (a name cannot start with a digit)");
      }
      return j;
    }

    /** Letters, digits and underscores, plus hyphens that join two words ({@code at-risk}). */
    private static int name(String s, int i) {
      int j = i;
      while (j < s.length()) {
        char c = s.charAt(j);
        if (Character.isLetterOrDigit(c) || c == '_') {
          j++;
        } else if (c == '-' && j + 1 < s.length() && Character.isLetter(s.charAt(j + 1))) {
          j++;
        } else {
          break;
        }
      }
      return j;
    }

    private static int string(String s, int i, List<Token> out) {
      char quote = s.charAt(i);
      StringBuilder value = new StringBuilder();
      int j = i + 1;
      while (j < s.length() && s.charAt(j) != quote) {
        char c = s.charAt(j);
        if (c == '\\' && j + 1 < s.length()) {
          j++;
          c = s.charAt(j);
        }
        value.append(c);
        j++;
      }
      if (j >= s.length()) {
        throw new ExpressionException(i + 1, "the string starting here is never closed (missing " + quote + ")");
      }
      out.add(new Token(Kind.STRING, s.substring(i, j + 1), value.toString(), i + 1));
      return j + 1;
    }

    private static String operator(String s, int i) {
      for (String op : List.of("==", "!=", "<=", ">=", "&&", "||", "<", ">", "=", "!", "+", "-", "*", "/")) {
        if (s.startsWith(op, i)) {
          return op;
        }
      }
      return null;
    }
  }
}
