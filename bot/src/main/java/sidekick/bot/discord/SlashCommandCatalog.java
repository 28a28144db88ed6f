package sidekick.bot.discord;

import java.util.List;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/** The slash commands the bot registers: {@code /r}, {@code /roll}, {@code /plug ...}, {@code /stats}. */
final class SlashCommandCatalog {
  static final String ROLL_SHORT = "r";
  static final String ROLL = "roll";
  static final String PLUG = "plug";
  static final String STATS = "stats";
  static final String EXPR = "expr";
  static final String NAME = "name";
  static final String FILE = "file";

  private SlashCommandCatalog() {}

  static List<CommandData> commands() {
    return List.of(
        Commands.slash(ROLL_SHORT, "Roll dice, e.g. 2d6+3 or 4d6kh3")
            .addOption(OptionType.STRING, EXPR, "the dice expression", true),
        Commands.slash(ROLL, "Roll dice, e.g. 2d6+3 or 4d6kh3")
            .addOption(OptionType.STRING, EXPR, "the dice expression", true),
        Commands.slash(PLUG, "Manage this channel's WebAssembly plugs")
            .addSubcommands(
                new SubcommandData("add", "Install or replace a plug from a .wasm file")
                    .addOption(OptionType.STRING, NAME, "the plug's name", true)
                    .addOption(OptionType.ATTACHMENT, FILE, "the .wasm module", true),
                new SubcommandData("rm", "Remove a plug").addOption(OptionType.STRING, NAME, "the plug's name", true),
                new SubcommandData("ls", "List the plugs of this channel"),
                new SubcommandData("stats", "Call counts and timings of this channel's plugs")),
        Commands.slash(STATS, "Probability distribution of a dice expression")
            .addOption(OptionType.STRING, EXPR, "the dice expression", true));
  }
}
