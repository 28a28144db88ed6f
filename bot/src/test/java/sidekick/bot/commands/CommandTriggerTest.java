package sidekick.bot.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTriggerTest {
  final CommandTrigger defaults = CommandTrigger.defaults();

  @Test
  void prefixesBecomeTheCorePrefix() {
    assertThat(defaults.coreText("/r 2d6+3")).contains("/r 2d6+3");
    assertThat(defaults.coreText("!r 1d20 # attack")).contains("/r 1d20 # attack");
    assertThat(defaults.coreText("  !R   4d6kh3 ")).contains("/r   4d6kh3");
    assertThat(defaults.coreText("/r")).contains("/r");
  }

  @Test
  void aPrefixMustBeAWholeWord() {
    assertThat(defaults.coreText("/roll the bones")).isEmpty();
    assertThat(defaults.coreText("!rules please")).isEmpty();
  }

  @Test
  void inlineRollsNeedSomethingLikeDice() {
    assertThat(defaults.coreText("I swing for 2d6+3 slashing")).contains("I swing for 2d6+3 slashing");
    assertThat(defaults.coreText("roll a d20 for me")).isPresent();
    assertThat(defaults.coreText("percentile d% time")).isPresent();
    assertThat(defaults.coreText("fate 4dF")).isPresent();
    assertThat(defaults.coreText("I hit [[1d8+2]]")).isPresent();
    assertThat(defaults.coreText("good morning, did you sleep?")).isEmpty();
    assertThat(defaults.coreText("the 3rd door and the idea")).isEmpty();
    assertThat(defaults.coreText("ad5 and xd20 dfoo")).isEmpty();
    assertThat(defaults.coreText("keep the best: 4d6kh3")).isPresent();
    assertThat(defaults.coreText("   ")).isEmpty();
    assertThat(defaults.coreText(null)).isEmpty();
  }

  @Test
  void inlineRollsCanBeTurnedOff() {
    CommandTrigger commandsOnly = new CommandTrigger(List.of("!roll", "!r"), false);
    assertThat(commandsOnly.coreText("I swing for 2d6")).isEmpty();
    assertThat(commandsOnly.coreText("!roll 2d6")).contains("/r 2d6");
    assertThat(commandsOnly.coreText("!r 2d6")).contains("/r 2d6");
    assertThat(commandsOnly.coreText("/r 2d6")).isEmpty();
  }

  @Test
  void badPrefixesAreRefused() {
    assertThatThrownBy(() -> new CommandTrigger(List.of("! r"), true)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CommandTrigger(List.of(" "), true)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CommandTrigger(List.of(), true)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void plugAddIsRecognised() {
    assertThat(CommandTrigger.isPlugAdd("/r plug add crit")).isTrue();
    assertThat(CommandTrigger.isPlugAdd("/r PLUG Add crit")).isTrue();
    assertThat(CommandTrigger.isPlugAdd("/r plug ls")).isFalse();
    assertThat(CommandTrigger.isPlugAdd("/r 2d6 plug add")).isFalse();
  }
}
