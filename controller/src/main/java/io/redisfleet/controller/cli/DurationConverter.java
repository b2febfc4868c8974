package io.redisfleet.controller.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A positive duration as the inventory writes them (HOCON): 30s, 2m, 1500ms. */
final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    try {
      Duration d = ConfigValueFactory.fromAnyRef(value).atKey("d").getDuration("d");
      if (!d.isNegative() && !d.isZero()) {
        return d;
      }
    } catch (ConfigException e) {
      // reported below, with the option's own words
    }
    throw new TypeConversionException("'" + value + "' is not a positive duration such as 30s, 2m or 1500ms");
  }
}
