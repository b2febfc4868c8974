package io.redisfleet.controller.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisfleet.controller.model.Directive;
import java.util.List;
import org.junit.jupiter.api.Test;

class EffectiveDirectivesTest {

  @Test
  void laterLayerReplacesEveryOccurrenceOfAName() {
    List<Directive> defaults = List.of(Directive.of("save", "900", "1"),
        Directive.of("save", "300", "10"), Directive.of("appendonly", "yes"));
    List<Directive> node = List.of(Directive.of("save", "60", "1000"));
    assertEquals(List.of(Directive.of("save", "60", "1000"), Directive.of("appendonly", "yes")),
        EffectiveDirectives.merge(defaults, node));
  }

  @Test
  void laterLayerCanRepeatADirectiveAndAddNewOnesAtTheEnd() {
    List<Directive> defaults = List.of(Directive.of("appendonly", "yes"),
        Directive.of("maxmemory", "1gb"));
    List<Directive> group = List.of(Directive.of("appendonly", "no"),
        Directive.of("save", "900", "1"), Directive.of("save", "300", "10"));
    assertEquals(List.of(Directive.of("appendonly", "no"), Directive.of("maxmemory", "1gb"),
            Directive.of("save", "900", "1"), Directive.of("save", "300", "10")),
        EffectiveDirectives.merge(defaults, group));
  }

  @Test
  void builtInsComeFirstAndCanBeOverridden() {
    assertEquals(List.of(Directive.of("repl-diskless-sync-delay", "0")),
        EffectiveDirectives.merge(EffectiveDirectives.BUILT_IN, List.of()));
    assertEquals(List.of(Directive.of("repl-diskless-sync-delay", "5")),
        EffectiveDirectives.merge(EffectiveDirectives.BUILT_IN,
            List.of(Directive.of("repl-diskless-sync-delay", "5"))));
  }
}
