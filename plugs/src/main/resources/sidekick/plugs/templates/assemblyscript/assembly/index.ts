// __NAME__: a Sidekick plug in AssemblyScript (Extism PDK).
// "/__NAME__ TEXT" -> replies "__NAME__ heard: TEXT"; other commands pass.
// Build: npm install && npm run build    Try: sidekick plug run __NAME__.wasm --input test-input.json
// Built with --runtime stub (a bump allocator that never frees: the fastest under Chicory); the
// host recycles an instance whose memory has grown too much, so a call may allocate freely.
// Scan strings with charCodeAt: charAt allocates a new string per character.
import { Host } from "@extism/as-pdk";

export function abort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  unreachable();
}

/** The raw (still JSON-escaped) string value of "key" in json, or null. */
function rawJsonString(json: string, key: string): string | null {
  const needle = '"' + key + '":"';
  const start = json.indexOf(needle);
  if (start < 0) return null;
  let i = start + needle.length;
  while (i < json.length && json.charCodeAt(i) != 34) i += json.charCodeAt(i) == 92 ? 2 : 1; // '"', '\\'
  return json.substring(start + needle.length, i);
}

function output(json: string): void {
  // write UTF-8 bytes (Host.outputString mis-sizes non-ASCII text)
  Host.output(Uint8Array.wrap(String.UTF8.encode(json)));
}

export function handle(): i32 {
  const text = rawJsonString(Host.inputString(), "text");
  if (text == null || !text.startsWith("/__NAME__")) return 0; // no output: pass
  output('{"action":"reply","text":"__NAME__ heard:' + text.substring(__NAME_LEN__ + 1) + '"}');
  return 0;
}

export function describe(): i32 {
  output('{"name":"__NAME__","version":"0.1","help":"/__NAME__ TEXT"}');
  return 0;
}
