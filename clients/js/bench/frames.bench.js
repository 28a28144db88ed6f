// How much routing on the frame header saves: frames per second through the client's receive path
// when a broadcast is decoded (someone listens to its type) against when it is only routed (nobody
// listens: header, name and peeked seq only). Both run in the same process, so the ratio holds on a
// noisy machine. Usage: node bench/frames.bench.js [--rounds 7] [--ms 300]
import { FrameType, decodePayload, encodeFrame, peekSeq, readHeader } from "../src/frames.js";

const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const ROUNDS = arg("--rounds", 7);
const MS = arg("--ms", 300);

function event(textBytes) {
  return {
    seq: 123456, type: "reply", at: "2026-11-22T19:20:00.123Z", channel: "c1", user: "u1", userName: "Grog",
    command: "/r 4d6kh3 # strength", reply: "**Grog** rolled 4d6kh3 (4, 4, **6**, ~~3~~) = `14` " + "x".repeat(textBytes), micros: 87,
  };
}

function rate(fn, frames) {
  let n = 0;
  const end = process.hrtime.bigint() + BigInt(MS) * 1_000_000n;
  while (process.hrtime.bigint() < end) {
    for (let i = 0; i < 1000; i++) fn(frames[i & 15]);
    n += 1000;
  }
  return (n / MS) * 1000;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
let sink = 0;
const decode = (bytes) => (sink += decodePayload(readHeader(bytes)).seq);
const route = (bytes) => (sink += peekSeq(readHeader(bytes)));
const encode = (ev) => (sink += encodeFrame(FrameType.BROADCAST, "reply", ev).length);

console.log(`node ${process.version}, ${ROUNDS} rounds of ${MS} ms, median frames/s`);
console.log("payload   | decoded     | routed only | routed/decoded | encode");
for (const size of [0, 1_000, 16_000]) {
  const ev = event(size);
  const frames = Array.from({ length: 16 }, () => encodeFrame(FrameType.BROADCAST, "reply", ev));
  const evs = Array.from({ length: 16 }, () => ev);
  rate(decode, frames), rate(route, frames), rate(encode, evs); // warm-up
  const d = [], r = [], e = [];
  for (let k = 0; k < ROUNDS; k++) {
    d.push(rate(decode, frames));
    r.push(rate(route, frames));
    e.push(rate(encode, evs));
  }
  const fmt = (x) => Math.round(x).toLocaleString("en-US").padStart(11);
  console.log(`${String(frames[0].length + " B").padEnd(9)} | ${fmt(median(d))} | ${fmt(median(r))} | ${(median(r) / median(d)).toFixed(1).padStart(13)}x | ${fmt(median(e))}`);
}
if (sink === 0) console.log("");
