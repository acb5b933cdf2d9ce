package io.qianmian.serving.console;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted PBKDF2 (HMAC-SHA-256) hashes of the console's password and token, so that no secret is kept
 * at rest. The text form carries everything needed to check a secret:
 * {@code pbkdf2-sha256:ITERATIONS:SALT:HASH} (salt and hash in Base64). Made by {@code qianmian
 * console hash}.
 */
public final class PasswordHash {
  /** Iterations of new hashes (OWASP's 2023 figure for PBKDF2-HMAC-SHA256). */
  public static final int DEFAULT_ITERATIONS = 600_000;

  private static final String SCHEME = "pbkdf2-sha256";
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private PasswordHash(int iterations, byte[] salt, byte[] hash) {
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /** A new hash of {@code secret} with a random salt and {@link #DEFAULT_ITERATIONS}. */
  public static String create(char[] secret) {
    return create(secret, DEFAULT_ITERATIONS);
  }

  /** A new hash with a given iteration count (tests use few, to stay fast). */
  static String create(char[] secret, int iterations) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("the password must not be empty");
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder();
    return SCHEME + ":" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(derive(secret, salt, iterations));
  }

  /**
   * Reads a hash in its text form.
   *
   * @throws IllegalArgumentException when the text is not {@code pbkdf2-sha256:ITERATIONS:SALT:HASH}
   */
  static PasswordHash parse(String text) {
    String[] parts = text.trim().split(":");
    String expected = "expected " + SCHEME + ":ITERATIONS:SALT:HASH as printed by 'qianmian console hash'";
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      throw new IllegalArgumentException(expected);
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] hash = Base64.getDecoder().decode(parts[3]);
      if (iterations < 1 || salt.length < 8 || hash.length != HASH_BITS / 8) {
        throw new IllegalArgumentException(expected);
      }
      return new PasswordHash(iterations, salt, hash);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(expected, e);
    }
  }

  /** Whether {@code secret} is the secret this hash was made from (compared in constant time). */
  boolean matches(char[] secret) {
    return secret.length > 0 && MessageDigest.isEqual(hash, derive(secret, salt, iterations));
  }

  private static byte[] derive(char[] secret, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(secret, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  @Override
  public String toString() {
    return SCHEME + ":" + iterations + ":…";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordHash p && p.iterations == iterations && Arrays.equals(p.salt, salt) && Arrays.equals(p.hash, hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash);
  }
}
