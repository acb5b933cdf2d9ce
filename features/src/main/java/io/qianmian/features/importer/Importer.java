package io.qianmian.features.importer;

import java.io.IOException;
import java.nio.file.Path;

/** Reads one kind of export into the context's dataset builder. */
interface Importer {
  void read(Path input, ImportContext context) throws IOException;
}
