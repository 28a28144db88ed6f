// dice-words: an AssemblyScript plug (Extism AS PDK). In a roll command ("/r ..." or "/roll ..."),
// it rewrites the words "adv" and "dis" into dice notation ("2d20kh1", "2d20kl1") and leaves the
// result for Sidekick's standard dice processing (non-final segments). "/r stats" is answered
// directly: six 4d6kh3 rolls through the host's roll function. Anything else passes.
import { Host, Memory } from "@extism/as-pdk";

@external("extism:host/user", "roll")
declare function hostRoll(request: u64): u64;

@external("extism:host/env", "length")
declare function blockLength(block: u64): u64;

// Called by the AssemblyScript runtime on a failed assertion (see package.json --use abort=...).
export function abort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  unreachable();
}

/** The JSON string value of "key" in json, unescaped (simple escapes only), or null. */
function jsonString(json: string, key: string): string | null {
  const needle = '"' + key + '"';
  let i = json.indexOf(needle);
  if (i < 0) return null;
  i += needle.length;
  while (i < json.length && (json.charCodeAt(i) == 58 || json.charCodeAt(i) == 32)) i++; // ':' ' '
  if (i >= json.length || json.charCodeAt(i) != 34) return null;
  const start = i + 1;
  let end = start;
  let escaped = false;
  while (end < json.length && json.charCodeAt(end) != 34) {
    if (json.charCodeAt(end) == 92) { escaped = true; end++; }
    end++;
  }
  if (end >= json.length) return null;
  const raw = json.substring(start, end);
  // the common case has no escapes: no copying character by character
  return escaped ? raw.replaceAll('\\"', '"').replaceAll("\\n", "\n").replaceAll("\\t", "\t").replaceAll("\\\\", "\\") : raw;
}

function escape(s: string): string {
  let plain = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c == 34 || c == 92 || c < 32) { plain = false; break; }
  }
  if (plain) return s;
  return s.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n").replaceAll("\t", "\\t");
}

function output(json: string): void {
  // Host.outputString passes the UTF-16 length as the byte length: write UTF-8 bytes ourselves.
  Host.output(Uint8Array.wrap(String.UTF8.encode(json)));
}

function roll(expr: string): string {
  const request = Memory.allocateString('{"expr":"' + escape(expr) + '"}');
  const offset = hostRoll(request.offset);
  const answer = new Memory(offset, blockLength(offset));
  const text = jsonString(answer.toString(), "text");
  request.free();
  answer.free();
  return text == null ? "?" : text;
}

export function handle(): i32 {
  const input = Host.inputString();
  const text = jsonString(input, "text");
  if (text == null) return 0;
  let body: string;
  if (text.startsWith("/r ")) body = text.substring(3);
  else if (text.startsWith("/roll ")) body = text.substring(6);
  else return 0;

  if (body.trim() == "stats") {
    let reply = "Stats:";
    for (let i = 0; i < 6; i++) reply += " " + roll("4d6kh3");
    output('{"action":"reply","text":"' + escape(reply) + '"}');
    return 0;
  }

  const words = body.split(" ");
  let changed = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w == "adv" || w.startsWith("adv+") || w.startsWith("adv-")) { words[i] = "2d20kh1" + w.substring(3); changed = true; }
    else if (w == "dis" || w.startsWith("dis+") || w.startsWith("dis-")) { words[i] = "2d20kl1" + w.substring(3); changed = true; }
  }
  if (!changed) return 0;
  output('{"action":"rewrite","segments":[{"text":"' + escape(words.join(" ")) + '","final":false}]}');
  return 0;
}

export function describe(): i32 {
  output('{"name":"dice-words","version":"1.0","help":"/r adv+5, /r dis, /r stats"}');
  return 0;
}
