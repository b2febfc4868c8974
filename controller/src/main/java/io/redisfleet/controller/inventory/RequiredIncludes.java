package io.redisfleet.controller.inventory;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseable;
import java.io.File;
import java.nio.file.Files;

/**
 * Makes every {@code include} of an inventory behave as HOCON's {@code include required(...)}:
 * a missing included file is an error, not an empty object. An inventory that silently lost the
 * hosts or secrets it includes would plan against a fleet it does not describe (and plan to
 * remove the nodes it no longer sees).
 */
final class RequiredIncludes implements ConfigIncluder, ConfigIncluderFile {

  /** A missing include; the loader finds the line that names it. */
  static final class Missing extends ConfigException {
    private static final long serialVersionUID = 1L;
    final String what;

    Missing(String what, String where) {
      super("include \"" + what + "\": no such file (" + where + "); create it or remove the include");
      this.what = what;
    }
  }

  @Override
  public ConfigIncluder withFallback(ConfigIncluder fallback) {
    return this;
  }

  @Override
  public ConfigObject include(ConfigIncludeContext context, String what) {
    ConfigParseable parseable = context.relativeTo(what);
    if (parseable == null) {
      throw new Missing(what, "not found next to the including file");
    }
    try {
      return parseable.parse(context.parseOptions().setAllowMissing(false));
    } catch (ConfigException.IO e) {
      throw new Missing(what, String.valueOf(parseable.origin().description()));
    }
  }

  @Override
  public ConfigObject includeFile(ConfigIncludeContext context, File what) {
    if (!Files.isRegularFile(what.toPath())) {
      throw new Missing(what.getPath(), what.getAbsolutePath());
    }
    return ConfigFactory.parseFile(what, context.parseOptions().setAllowMissing(false)).root();
  }
}
