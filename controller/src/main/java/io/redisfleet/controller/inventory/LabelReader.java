package io.redisfleet.controller.inventory;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads {@code labels { rack = "r2" }}: free-form placement labels, each a string. */
final class LabelReader {

  private final Values values;

  LabelReader(Values values) {
    this.values = values;
  }

  Map<String, String> read(ConfigValue value, String where) {
    Map<String, String> labels = new TreeMap<>();
    if (value == null) {
      return labels;
    }
    Optional<ConfigObject> object = values.object(value, "labels of " + where, "{ rack = \"r1\" }");
    object.ifPresent(o -> Keys.sorted(o).forEach(key -> {
      ConfigValue label = o.get(key);
      String what = "label \"" + Text.printable(key) + "\" of " + where;
      Optional<String> safeKey = values.safe(label, key, what + " (its name)");
      Optional<String> text = scalar(label, what);
      if (safeKey.isPresent() && text.isPresent()) {
        labels.put(key, text.get());
      }
    }));
    return labels;
  }

  /** A label value: a string, or a number or boolean taken as written. */
  private Optional<String> scalar(ConfigValue value, String what) {
    if (value.valueType() == ConfigValueType.NUMBER || value.valueType() == ConfigValueType.BOOLEAN) {
      return Optional.of(String.valueOf(value.unwrapped()));
    }
    return values.string(value, what);
  }
}
