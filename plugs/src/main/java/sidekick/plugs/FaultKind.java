package sidekick.plugs;

/** Why a plug call did not produce a usable answer; each kind is counted in the plug's metrics. */
public enum FaultKind {
  /** The module trapped (unreachable, out-of-bounds access, stack overflow, a host call misuse). */
  TRAP,
  /** The call ran past its wall-time limit and was stopped. */
  TIMEOUT,
  /** The plug tried to go past its memory cap (linear memory plus host-side blocks). */
  MEMORY,
  /** The output was too large, not the JSON the ABI asks for, or rewrote a final segment. */
  BAD_OUTPUT,
  /** The plug reported an error itself ({@code handle} returned non-zero), or an HTTP plug failed. */
  PLUG_ERROR,
  /** The plug was not called: disabled for a while after repeated faults. */
  DISABLED
}
