package sidekick.plugs;

/** What a plug's optional {@code describe} export says about itself. */
public record PlugDescription(String name, String version, String help) {}
