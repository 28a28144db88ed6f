// The binary WebSocket frame of the Sidekick contract (§3), the "event tuple" layout:
//
//   u32 BE  total length of the frame, header included
//   u8      type (FrameType)
//   u16 BE  length E of the event name in bytes
//   E bytes event name, UTF-8
//   rest    payload, UTF-8 JSON
//
// readHeader() reads only the header, so a receiver can route a frame and skip its payload;
// decodePayload() parses the JSON when someone actually wants it.

export const FrameType = Object.freeze({
  MESSAGE: 0,
  BROADCAST: 1,
  AUTH: 2,
  SYNC: 3,
  ERROR: 4,
  NOT_FOUND: 5,
});

const TYPE_NAMES = ["message", "broadcast", "auth", "sync", "error", "not_found"];

/** Bytes before the event name: u32 length, u8 type, u16 name length. */
export const HEADER_BYTES = 7;
/** Longest event name the u16 length field can carry. */
export const MAX_NAME_BYTES = 0xffff;
/** Default largest frame accepted when decoding (the server's default limit is 1 MiB; plug uploads may be larger). */
export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder("utf-8", { fatal: true });

/** A frame that does not follow the layout. Never thrown for a well-formed frame. */
export class FrameError extends Error {
  constructor(message) {
    super(message);
    this.name = "FrameError";
  }
}

export function typeName(type) {
  return TYPE_NAMES[type] ?? `type ${type}`;
}

/**
 * Encodes one frame. `payload` is an object (serialised as JSON), a string that already holds JSON,
 * or undefined/null for an empty payload.
 */
export function encodeFrame(type, name, payload) {
  if (!Number.isInteger(type) || type < 0 || type > 0xff) throw new FrameError(`bad frame type ${type}`);
  const nameBytes = encoder.encode(String(name));
  if (nameBytes.length > MAX_NAME_BYTES) throw new FrameError(`event name is ${nameBytes.length} bytes, more than ${MAX_NAME_BYTES}`);
  const json = payload == null ? "" : typeof payload === "string" ? payload : JSON.stringify(payload);
  const payloadBytes = encoder.encode(json);
  const total = HEADER_BYTES + nameBytes.length + payloadBytes.length;
  if (total > 0xffffffff) throw new FrameError("frame longer than 4 GiB");
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, total, false);
  view.setUint8(4, type);
  view.setUint16(5, nameBytes.length, false);
  bytes.set(nameBytes, HEADER_BYTES);
  bytes.set(payloadBytes, HEADER_BYTES + nameBytes.length);
  return bytes;
}

/** Views any binary message (ArrayBuffer, typed array, Node Buffer) as a Uint8Array without copying. */
export function asBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new FrameError(`a frame must be binary, got ${data === null ? "null" : typeof data}`);
}

/**
 * Reads and checks the header of one frame without touching its payload.
 * Returns {type, name, length, payloadOffset, bytes}.
 */
export function readHeader(data, { maxFrameBytes = DEFAULT_MAX_FRAME_BYTES } = {}) {
  const bytes = asBytes(data);
  if (bytes.length < HEADER_BYTES) throw new FrameError(`frame of ${bytes.length} bytes is shorter than the ${HEADER_BYTES}-byte header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(0, false);
  if (length !== bytes.length) throw new FrameError(`frame says it is ${length} bytes but the message has ${bytes.length}`);
  if (length > maxFrameBytes) throw new FrameError(`frame of ${length} bytes is over the ${maxFrameBytes}-byte limit`);
  const type = view.getUint8(4);
  if (type >= TYPE_NAMES.length) throw new FrameError(`unknown frame type ${type}`);
  const nameLength = view.getUint16(5, false);
  const payloadOffset = HEADER_BYTES + nameLength;
  if (payloadOffset > length) throw new FrameError(`event name of ${nameLength} bytes runs past the end of the frame`);
  let name;
  try {
    name = strictDecoder.decode(bytes.subarray(HEADER_BYTES, payloadOffset));
  } catch {
    throw new FrameError("event name is not valid UTF-8");
  }
  if (name.length === 0) throw new FrameError("empty event name");
  return { type, name, length, payloadOffset, bytes };
}

/** Parses the JSON payload of a frame whose header readHeader() returned. An empty payload is {}. */
export function decodePayload(header) {
  const { bytes, payloadOffset } = header;
  if (payloadOffset === bytes.length) return {};
  let text;
  try {
    text = strictDecoder.decode(bytes.subarray(payloadOffset));
  } catch {
    throw new FrameError(`payload of "${header.name}" is not valid UTF-8`);
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new FrameError(`payload of "${header.name}" is not JSON: ${e.message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new FrameError(`payload of "${header.name}" is not a JSON object`);
  }
  return value;
}

/** Reads header and payload: {type, name, payload}. */
export function decodeFrame(data, options) {
  const header = readHeader(data, options);
  return { type: header.type, name: header.name, payload: decodePayload(header) };
}

const SEQ_KEY = encoder.encode('"seq":');

/**
 * Finds the channel sequence number of an event frame without parsing its JSON: the number after
 * the first `"seq":` key. Inside JSON strings a quote is always escaped, so an unescaped `"seq":`
 * can only be a key. Returns undefined when there is none. Used to keep resume positions exact for
 * events nobody listens to, which are never decoded.
 */
export function peekSeq(header) {
  const { bytes, payloadOffset } = header;
  const end = bytes.length - SEQ_KEY.length;
  outer: for (let i = payloadOffset; i <= end; i++) {
    for (let k = 0; k < SEQ_KEY.length; k++) if (bytes[i + k] !== SEQ_KEY[k]) continue outer;
    if (i > payloadOffset && bytes[i - 1] === 0x5c /* backslash */) continue;
    let j = i + SEQ_KEY.length;
    while (j < bytes.length && (bytes[j] === 0x20 || bytes[j] === 0x09)) j++;
    let value = 0;
    let digits = 0;
    while (j < bytes.length && bytes[j] >= 0x30 && bytes[j] <= 0x39 && digits < 16) {
      value = value * 10 + (bytes[j] - 0x30);
      j++;
      digits++;
    }
    return digits > 0 ? value : undefined;
  }
  return undefined;
}
