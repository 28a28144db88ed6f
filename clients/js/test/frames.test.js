import { test } from "node:test";
import assert from "node:assert/strict";
import { FrameError, FrameType, HEADER_BYTES, decodeFrame, encodeFrame, peekSeq, readHeader } from "../src/frames.js";

test("encodes the contract layout byte for byte", () => {
  const bytes = encodeFrame(FrameType.AUTH, "auth", '{"token":"t"}');
  const expected = [0, 0, 0, 24, 2, 0, 4, ...Buffer.from("auth"), ...Buffer.from('{"token":"t"}')];
  assert.deepEqual([...bytes], expected);
});

test("round-trips every frame type with non-ASCII names and payloads", () => {
  for (const type of Object.values(FrameType)) {
    const payload = { id: 7, text: "Grög rolls 🎲 **2d6**", nested: { a: [1, 2] } };
    const frame = decodeFrame(encodeFrame(type, "plug.put·ü", payload));
    assert.equal(frame.type, type);
    assert.equal(frame.name, "plug.put·ü");
    assert.deepEqual(frame.payload, payload);
  }
});

test("the length field counts UTF-8 bytes, not characters", () => {
  const bytes = encodeFrame(FrameType.MESSAGE, "é", { t: "🎲" });
  const header = readHeader(bytes);
  assert.equal(header.length, bytes.length);
  assert.equal(header.payloadOffset, HEADER_BYTES + 2);
});

test("an empty payload decodes as an empty object", () => {
  assert.deepEqual(decodeFrame(encodeFrame(FrameType.MESSAGE, "ping")).payload, {});
});

test("decodes from an ArrayBuffer, a Uint8Array slice and a Node Buffer", () => {
  const bytes = encodeFrame(FrameType.SYNC, "subscribe", { id: 1 });
  const padded = new Uint8Array(bytes.length + 10);
  padded.set(bytes, 5);
  assert.equal(decodeFrame(bytes.slice().buffer).name, "subscribe");
  assert.equal(decodeFrame(padded.subarray(5, 5 + bytes.length)).payload.id, 1);
  assert.equal(decodeFrame(Buffer.from(bytes)).type, FrameType.SYNC);
});

function broken(mutate) {
  const bytes = encodeFrame(FrameType.MESSAGE, "command", { id: 1 });
  return mutate(bytes);
}

const brokenFrames = {
  "shorter than the header": () => new Uint8Array([0, 0, 0, 3, 0, 0]),
  "length field larger than the message": () => broken((b) => { new DataView(b.buffer).setUint32(0, b.length + 1); return b; }),
  "truncated message": () => broken((b) => b.subarray(0, b.length - 2)),
  "trailing bytes": () => broken((b) => { const c = new Uint8Array(b.length + 1); c.set(b); new DataView(c.buffer).setUint32(0, b.length); return c; }),
  "unknown type": () => broken((b) => { b[4] = 9; return b; }),
  "name running past the end": () => broken((b) => { new DataView(b.buffer).setUint16(5, 500); return b; }),
  "empty name": () => encodeFrame(FrameType.MESSAGE, "", {}),
  "invalid UTF-8 in the name": () => broken((b) => { b[HEADER_BYTES] = 0xff; return b; }),
  "payload that is not JSON": () => encodeFrame(FrameType.MESSAGE, "x", "{nope"),
  "payload that is a JSON array": () => encodeFrame(FrameType.MESSAGE, "x", "[1,2]"),
  "payload with invalid UTF-8": () => broken((b) => { b[b.length - 2] = 0xc3; return b; }),
};

for (const [what, make] of Object.entries(brokenFrames)) {
  test(`rejects a broken frame: ${what}`, () => {
    assert.throws(() => decodeFrame(make()), FrameError);
  });
}

test("rejects text messages and frames over the size limit", () => {
  assert.throws(() => decodeFrame("hello"), FrameError);
  assert.throws(() => decodeFrame(encodeFrame(0, "x", { big: "a".repeat(100) }), { maxFrameBytes: 50 }), /over the 50-byte limit/);
});

test("refuses to encode a name longer than the u16 field", () => {
  assert.throws(() => encodeFrame(0, "n".repeat(70_000), {}), FrameError);
});

test("readHeader routes without parsing the payload", () => {
  const header = readHeader(encodeFrame(FrameType.BROADCAST, "roll", "this is not json"));
  assert.equal(header.name, "roll");
  assert.equal(header.type, FrameType.BROADCAST);
});

test("peekSeq finds the sequence number without parsing, and ignores look-alikes inside strings", () => {
  const seqOf = (payload) => peekSeq(readHeader(encodeFrame(1, "roll", payload)));
  assert.equal(seqOf({ seq: 1234, type: "roll" }), 1234);
  assert.equal(seqOf('{"type":"reply","seq": 77}'), 77);
  assert.equal(seqOf({ text: '"seq":999', seq: 5 }), 5);
  assert.equal(seqOf({ type: "roll" }), undefined);
  assert.equal(seqOf({}), undefined);
});
