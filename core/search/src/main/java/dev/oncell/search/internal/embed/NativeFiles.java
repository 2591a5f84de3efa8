package dev.oncell.search.internal.embed;

import java.nio.file.Path;

/**
 * Keeps the native libraries the model needs under {@code java.io.tmpdir}. onnxruntime extracts its
 * libraries there by itself; DJL's tokenizer would copy its library to {@code ~/.djl.ai} unless
 * told otherwise, so unless the user chose a folder ({@code ENGINE_CACHE_DIR} or {@code
 * DJL_CACHE_DIR}, as an environment variable or system property) it goes to {@code
 * java.io.tmpdir/oncell-djl}. (JNA, which DJL would use to look for CUDA and which writes to {@code
 * ~/.cache/JNA}, is left out of the dependencies.)
 */
final class NativeFiles {

  static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";
  private static final String DJL_CACHE_DIR = "DJL_CACHE_DIR";

  private NativeFiles() {}

  static synchronized void keepUnderTmpdir() {
    if (chosen(ENGINE_CACHE_DIR) || chosen(DJL_CACHE_DIR)) {
      return;
    }
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "oncell-djl");
    System.setProperty(ENGINE_CACHE_DIR, dir.toString());
  }

  private static boolean chosen(String name) {
    String env = System.getenv(name);
    String property = System.getProperty(name);
    return (env != null && !env.isBlank()) || (property != null && !property.isBlank());
  }
}
