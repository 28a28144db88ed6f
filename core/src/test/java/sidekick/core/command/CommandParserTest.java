package sidekick.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandParserTest {
  final CommandParser parser = new CommandParser(List.of("/r", "!r"));

  @Test
  void prefixesStartCommandsOtherTextIsChat() {
    assertThat(parser.parse("/r 1d20+5 # attack")).isEqualTo(new Command.Roll("1d20+5 # attack"));
    assertThat(parser.parse("  !r 2d6")).isEqualTo(new Command.Roll("2d6"));
    assertThat(parser.parse("/R 2d6")).isEqualTo(new Command.Roll("2d6"));
    assertThat(parser.parse("/roll 2d6")).isEqualTo(new Command.Chat("/roll 2d6"));
    assertThat(parser.parse("I swing for 2d6+3")).isEqualTo(new Command.Chat("I swing for 2d6+3"));
    assertThat(parser.parse("/r")).isEqualTo(new Command.Help(null));
  }

  @Test
  void savedRollForms() {
    assertThat(parser.parse("/r $sword = 1d8+3")).isEqualTo(new Command.SaveRoll("sword", "1d8+3"));
    assertThat(parser.parse("/r $sword=1d8")).isEqualTo(new Command.SaveRoll("sword", "1d8"));
    assertThat(parser.parse("/r $sword =")).isEqualTo(new Command.DeleteRoll("sword"));
    assertThat(parser.parse("/r $sword")).isEqualTo(new Command.Roll("$sword"));
    assertThat(parser.parse("/r $sword + 2")).isEqualTo(new Command.Roll("$sword + 2"));
    assertThat(parser.parse("/r $")).isEqualTo(new Command.ListRolls());
    assertThat(parser.parse("/r $ = 1d6")).isInstanceOf(Command.Malformed.class);
  }

  @Test
  void keywords() {
    assertThat(parser.parse("/r stats 3d6")).isEqualTo(new Command.Stats("3d6"));
    assertThat(parser.parse("/r stats")).isInstanceOf(Command.Malformed.class);
    assertThat(parser.parse("/r deal")).isEqualTo(new Command.Deal(1));
    assertThat(parser.parse("/r deal 5")).isEqualTo(new Command.Deal(5));
    assertThat(parser.parse("/r deal five")).isInstanceOf(Command.Malformed.class);
    assertThat(parser.parse("/r deal 0")).isInstanceOf(Command.Malformed.class);
    assertThat(parser.parse("/r shuffle")).isEqualTo(new Command.Shuffle());
    assertThat(parser.parse("/r help plug")).isEqualTo(new Command.Help("plug"));
    assertThat(parser.parse("/r plug add crit")).isEqualTo(new Command.PlugAdd("crit"));
    assertThat(parser.parse("/r plug rm crit")).isEqualTo(new Command.PlugRemove("crit"));
    assertThat(parser.parse("/r plug ls")).isEqualTo(new Command.PlugList());
    assertThat(parser.parse("/r plug stats")).isEqualTo(new Command.PlugStats());
    assertThat(parser.parse("/r plug")).isInstanceOf(Command.Malformed.class);
    assertThat(parser.parse("/r plug add")).isInstanceOf(Command.Malformed.class);
    assertThat(parser.parse("/r plug frobnicate x")).isInstanceOf(Command.Malformed.class);
    assertThat(parser.parse("/r bind app")).isEqualTo(new Command.BindApp());
    assertThat(parser.parse("/r bind phone")).isInstanceOf(Command.Malformed.class);
    assertThat(parser.parse("/r unbind app")).isEqualTo(new Command.UnbindApp());
    assertThat(parser.parse("/r inline off")).isEqualTo(new Command.Inline(false));
    assertThat(parser.parse("/r inline")).isEqualTo(new Command.Inline(null));
    assertThat(parser.parse("/r repeat(3d6, 6)")).isEqualTo(new Command.Roll("repeat(3d6, 6)"));
    assertThat(parser.parse("/r max(1d20, 1d20)")).isEqualTo(new Command.Roll("max(1d20, 1d20)"));
  }

  @Test
  void otherPrefixesCanBeConfigured() {
    CommandParser custom = new CommandParser(List.of("?roll"));
    assertThat(custom.parse("?roll 1d6")).isEqualTo(new Command.Roll("1d6"));
    assertThat(custom.parse("/r 1d6")).isInstanceOf(Command.Chat.class);
    assertThat(custom.mainPrefix()).isEqualTo("?roll");
  }
}
