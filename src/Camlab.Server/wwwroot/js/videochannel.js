// The video channel frame format in JavaScript: a second, independent reader of
// ../shared/specs/video-channel-binary-protocol.txt with the byte-level facts of
// ../shared/ref/video-channel-notes.md (little-endian, .NET Guid layout, extensions in ascending bit
// order, payload at HeaderSizeBytes). Headers come out in the `camlab frames dump` JSON shape (same
// keys; UInt64 as a Number when it is a safe integer, else a BigInt), so the browser console and the
// C# codec can be checked against the same shared test frames (tests/frames/).
//
// Every length is checked before it is read; malformed input throws FrameFormatError with the byte
// offset (from the start of the given bytes) and the same reason texts as the C# reader.

export const MAIN_HEADER_SIZE = 36;
export const EXTENDED_MAIN_HEADER_SIZE = 40;
export const DEFAULT_MAX_FRAME_SIZE = 10_000_000;

export const Extension = Object.freeze({
  SizeInfo: 0x01, LiveInfo: 0x02, PlaybackInfo: 0x04, NativeData: 0x08, MotionInfo: 0x10,
  LocationInfo: 0x20, StreamInfo: 0x40, CarouselInfo: 0x80, DynamicInfo: 0x100, PlaybackRequest: 0x200,
});

export const LiveFlags = Object.freeze({
  LiveFeed: 1, Motion: 2, Recording: 4, Notification: 8, CameraConnectionLost: 16,
  DatabaseFail: 32, DiskFull: 64, ClientLiveStopped: 128,
});

export const PlaybackFlags = Object.freeze({
  PlayStopped: 0x1, PlayForward: 0x2, PlayBackward: 0x4, DatabaseStart: 0x10, DatabaseEnd: 0x20,
  DatabaseError: 0x40, RangeNoData: 0x100, OutOfRange: 0x200,
});

const NATIVE_PREFIX = 8;

export class FrameFormatError extends Error {
  constructor(offset, reason) {
    super(`${offset}: ${reason}`);
    this.name = 'FrameFormatError';
    this.offset = offset;
    this.reason = reason;
  }
}

/** Names of the flags set in `value` (for overlays and the header inspector). */
export function flagNames(value, table) {
  return Object.entries(table).filter(([, bit]) => (value & bit) !== 0).map(([name]) => name);
}

class Cursor {
  constructor(bytes) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16(p) { return this.view.getUint16(p, true); }
  u32(p) { return this.view.getUint32(p, true); }
  i32(p) { return this.view.getInt32(p, true); }
  u64(p) {
    const v = this.view.getBigUint64(p, true);
    return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }
  // .NET Guid layout: the first three groups are little-endian, the last eight bytes as written.
  guid(p) {
    const b = this.bytes;
    const hex = (i) => b[p + i].toString(16).padStart(2, '0');
    const group = (...idx) => idx.map(hex).join('');
    return `${group(3, 2, 1, 0)}-${group(5, 4)}-${group(7, 6)}-${group(8, 9)}-${group(10, 11, 12, 13, 14, 15)}`;
  }
  // One character per byte (U+0000..U+00FF), as the dump writes wire strings.
  latin1(p, length) {
    let s = '';
    for (let i = 0; i < length; i++) s += String.fromCharCode(this.bytes[p + i]);
    return s;
  }
}

function extensionPastHeader(offset, name, needed, remaining) {
  return new FrameFormatError(offset,
    `${name} needs ${needed} bytes but only ${remaining} remain before the payload (HeaderSizeBytes)`);
}

function requireFixed(p, end, size, name) {
  if (end - p < size) throw extensionPastHeader(p, name, size, end - p);
}

// The HeaderSize field opening 0x10..0x100 counts the whole extension, itself included.
function readHeaderSize(c, p, end, minimum, name) {
  const remaining = end - p;
  if (remaining < minimum) throw extensionPastHeader(p, name, minimum, remaining);
  const size = c.u32(p);
  if (size < minimum) throw new FrameFormatError(p, `${name} HeaderSize ${size} is smaller than its minimum of ${minimum}`);
  if (size > remaining) {
    throw new FrameFormatError(p,
      `${name} HeaderSize ${size} points past the header (${remaining} bytes remain before the payload)`);
  }
  return size;
}

function subHeader(p, blockEnd, needed, name) {
  if (blockEnd - p < needed) {
    throw new FrameFormatError(p,
      `native data ${name} needs ${needed} bytes but only ${blockEnd - p} remain in NativeDataHeaderSize`);
  }
}

function nativeString(c, p, blockEnd, name, lengthField) {
  subHeader(p, blockEnd, 8, name);
  const state = c.u32(p);
  const length = c.u32(p + 4);
  const start = p + 8;
  if (length > blockEnd - start) {
    throw new FrameFormatError(p + 4,
      `${lengthField} ${length} runs past its header (${blockEnd - start} bytes remain in the native data block)`);
  }
  return { state, text: c.latin1(start, length), next: start + length };
}

function readNativeData(c, offset, end) {
  const remaining = end - offset;
  if (remaining < NATIVE_PREFIX) throw extensionPastHeader(offset, 'native data (0x08)', NATIVE_PREFIX, remaining);
  const size = c.u32(offset);
  const flags = c.u32(offset + 4);
  if (size < NATIVE_PREFIX) {
    throw new FrameFormatError(offset, `NativeDataHeaderSize ${size} is smaller than its minimum of ${NATIVE_PREFIX}`);
  }
  if (size > remaining) {
    throw new FrameFormatError(offset,
      `NativeDataHeaderSize ${size} points past the header (${remaining} bytes remain before the payload)`);
  }
  // NativeDataHeaderSize covers the whole block including its 8-byte prefix (notes, "Layout").
  const blockEnd = offset + size;
  let p = offset + NATIVE_PREFIX;
  const n = { flags };
  if (flags & 0x01) {
    subHeader(p, blockEnd, 16, 'playback sync time stamps (0x01)');
    n.previousSyncTimeStamp = c.u64(p);
    n.nextSyncTimeStamp = c.u64(p + 8);
    p += 16;
  }
  if (flags & 0x02) {
    subHeader(p, blockEnd, 10, 'sequence id (0x02)');
    n.sequenceId = c.u64(p);
    n.hasMotion = c.u16(p + 8);
    p += 10;
  }
  if (flags & 0x04) {
    const s = nativeString(c, p, blockEnd, 'privacy mask (0x04)', 'PrivacyMaskLength');
    n.privacyMaskState = s.state;
    n.privacyMask = s.text;
    p = s.next;
  }
  if (flags & 0x08) {
    const s = nativeString(c, p, blockEnd, 'signature (0x08)', 'SignatureLength');
    n.signatureState = s.state;
    n.signature = s.text;
  }
  // Sub-headers with unknown bits lie before blockEnd; the block size skips them.
  return { nativeData: n, next: blockEnd };
}

function dataTypeLetters(v) {
  if (v === 0) return null;
  return String.fromCharCode(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

/**
 * Reads the main header and every known extension at the start of `bytes`. Returns null when the
 * headers are not all there yet (with `needed` set on the optional `out` object); the payload need
 * not be present. Throws FrameFormatError on malformed headers.
 */
export function tryReadHeader(bytes, { maxFrameSize = DEFAULT_MAX_FRAME_SIZE } = {}, out = {}) {
  if (bytes.length < MAIN_HEADER_SIZE) { out.needed = MAIN_HEADER_SIZE; return null; }
  const c = new Cursor(bytes);
  const frameSizeBytes = c.u32(28);
  const headerSize16 = c.u16(32);
  const flags = c.u16(34);
  const extended = headerSize16 === 0;
  let headerEnd;
  if (extended) {
    if (bytes.length < EXTENDED_MAIN_HEADER_SIZE) { out.needed = EXTENDED_MAIN_HEADER_SIZE; return null; }
    headerEnd = c.u32(36);
    if (headerEnd < EXTENDED_MAIN_HEADER_SIZE) {
      throw new FrameFormatError(36, `HeaderSizeBytesExt ${headerEnd} is smaller than the 40-byte main header`);
    }
  } else {
    headerEnd = headerSize16;
    if (headerEnd < MAIN_HEADER_SIZE) {
      throw new FrameFormatError(32, `HeaderSizeBytes ${headerEnd} is smaller than the 36-byte main header`);
    }
  }
  const frameLength = headerEnd + frameSizeBytes; // both < 2^32: exact as a Number
  if (frameLength > maxFrameSize) {
    const at = headerEnd > maxFrameSize ? (extended ? 36 : 32) : 28;
    throw new FrameFormatError(at, `frame of ${frameLength} bytes exceeds the maximum of ${maxFrameSize} bytes`);
  }
  if (bytes.length < headerEnd) { out.needed = headerEnd; return null; }

  const h = {
    videoId: c.guid(0),
    timestampUtcMs: c.u64(16),
    frameCount: c.u32(24),
    frameSizeBytes,
    headerSizeBytes: extended ? 0 : headerEnd,
  };
  if (extended) h.headerSizeBytesExt = headerEnd;
  h.headerExtensionFlags = flags;

  let p = extended ? EXTENDED_MAIN_HEADER_SIZE : MAIN_HEADER_SIZE;
  if (flags & Extension.SizeInfo) {
    requireFixed(p, headerEnd, 48, 'size info (0x01)');
    h.sizeInfo = {
      srcStrideX: c.i32(p), srcStrideY: c.i32(p + 4), srcLeft: c.i32(p + 8), srcTop: c.i32(p + 12),
      srcRight: c.i32(p + 16), srcBottom: c.i32(p + 20), destStrideX: c.i32(p + 24), destStrideY: c.i32(p + 28),
      resamplingTag: c.i32(p + 32),
    };
    p += 48;
  }
  if (flags & Extension.LiveInfo) {
    requireFixed(p, headerEnd, 8, 'live info (0x02)');
    h.liveInfo = { currentFlags: c.u32(p), changedFlags: c.u32(p + 4) };
    p += 8;
  }
  if (flags & Extension.PlaybackInfo) {
    requireFixed(p, headerEnd, 8, 'playback info (0x04)');
    h.playbackInfo = { currentFlags: c.u32(p), changedFlags: c.u32(p + 4) };
    p += 8;
  }
  if (flags & Extension.NativeData) {
    const r = readNativeData(c, p, headerEnd);
    h.nativeData = r.nativeData;
    p = r.next;
  }
  if (flags & Extension.MotionInfo) {
    const size = readHeaderSize(c, p, headerEnd, 8, 'motion info (0x10)');
    h.motion = { motionAmount: c.u32(p + 4) };
    p += size;
  }
  if (flags & Extension.LocationInfo) {
    const size = readHeaderSize(c, p, headerEnd, 48, 'location info (0x20)');
    // p + 12 is Reserved.
    h.location = {
      version: c.u32(p + 4), source: c.u32(p + 8), validFields: c.u32(p + 16), longitude: c.u32(p + 20),
      latitude: c.u32(p + 24), altitude: c.i32(p + 28), horizontalAccuracy: c.u32(p + 32),
      verticalAccuracy: c.u32(p + 36), speed: c.u32(p + 40), azimuth: c.u32(p + 44),
    };
    p += size;
  }
  if (flags & Extension.StreamInfo) {
    const size = readHeaderSize(c, p, headerEnd, 52, 'stream info (0x40)');
    // p + 8 is Reserved.
    h.streamInfo = {
      version: c.u32(p + 4), fields: c.u32(p + 12), timeBetweenFrames: c.u32(p + 16),
      dataType: dataTypeLetters(c.u32(p + 20)), flags: c.u32(p + 24), profile: c.u32(p + 28), level: c.u32(p + 32),
      compatibility: c.u32(p + 36), constraints: c.u64(p + 40), framesCount: c.u32(p + 48),
    };
    p += size;
  }
  if (flags & Extension.CarouselInfo) {
    const size = readHeaderSize(c, p, headerEnd, 24, 'carousel info (0x80)');
    h.carousel = { version: c.u32(p + 4), itemId: c.guid(p + 8) };
    p += size;
  }
  if (flags & Extension.DynamicInfo) {
    const size = readHeaderSize(c, p, headerEnd, 16, 'dynamic info (0x100)');
    const count = c.u32(p + 8);
    const dataType = c.u32(p + 12);
    const deviceStates = [];
    // Only device states (data type 0) have a known layout; other data is skipped through HeaderSize.
    if (dataType === 0) {
      const needed = 16 + count * 24;
      if (needed > size) {
        throw new FrameFormatError(p + 8, `DataCount ${count} device states need ${needed} bytes but HeaderSize is ${size}`);
      }
      for (let i = 0; i < count; i++) {
        const q = p + 16 + i * 24;
        deviceStates.push({ itemId: c.guid(q), errorCode: c.u32(q + 16) });
      }
    }
    h.dynamicInfo = { version: c.u32(p + 4), dataType, deviceStates };
    p += size;
  }
  if (flags & Extension.PlaybackRequest) {
    requireFixed(p, headerEnd, 16, 'playback request (0x200)');
    h.playbackRequest = { requestedTimeStampUtcMs: c.u64(p) };
  }
  // Bytes between here and headerEnd belong to extensions newer than this reader.
  out.needed = headerEnd;
  return h;
}

/** Total header bytes of a header returned by tryReadHeader (whichever field carried it). */
export function headerLength(h) {
  return h.headerSizeBytes === 0 ? h.headerSizeBytesExt : h.headerSizeBytes;
}

/**
 * Reads one whole frame at the start of `bytes` (a Uint8Array, ArrayBuffer or DataView); bytes after it
 * are left alone. Returns { header, payload (a view, not a copy), consumed }.
 */
export function readFrame(input, options = {}) {
  const bytes = toBytes(input);
  const out = {};
  const header = tryReadHeader(bytes, options, out);
  if (header === null) {
    throw new FrameFormatError(bytes.length, `truncated frame: needs ${out.needed} bytes, only ${bytes.length} available`);
  }
  const start = headerLength(header);
  if (start + header.frameSizeBytes > bytes.length) {
    throw new FrameFormatError(28,
      `FrameSizeBytes ${header.frameSizeBytes} points past the end of the input (${bytes.length - start} payload bytes available)`);
  }
  const consumed = start + header.frameSizeBytes;
  return { header, payload: bytes.subarray(start, consumed), consumed };
}

/**
 * Frames back to back (an HTTP-push body or a .bin file), each with its offset; throws at the first
 * malformed one. The Video ID separates frames (notes, "Transport"): every frame must carry the
 * stream's, which is `options.videoId` or else the first frame's.
 */
export function* readFrames(input, options = {}) {
  const bytes = toBytes(input);
  let offset = 0;
  let videoId = options.videoId ?? null;
  while (offset < bytes.length) {
    const rest = bytes.subarray(offset);
    const out = {};
    let header;
    try {
      header = tryReadHeader(rest, options, out);
    } catch (e) {
      if (e instanceof FrameFormatError) throw new FrameFormatError(offset + e.offset, e.reason);
      throw e;
    }
    // As an HTTP-push reader sees it: the stream ended inside this frame (reported at the end of the input).
    const needed = header === null ? out.needed : headerLength(header) + header.frameSizeBytes;
    if (needed > rest.length) {
      throw new FrameFormatError(bytes.length, `the stream ended inside a frame: needs ${needed} bytes, ${rest.length} available`);
    }
    const frame = { header, payload: rest.subarray(headerLength(header), needed), consumed: needed };
    videoId ??= frame.header.videoId;
    if (frame.header.videoId !== videoId) {
      throw new FrameFormatError(offset, `Video ID ${frame.header.videoId} is not the stream's Video ID ${videoId}`);
    }
    yield { offset, ...frame };
    offset += frame.consumed;
  }
}

function toBytes(input) {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError('expected bytes (Uint8Array, ArrayBuffer or a view)');
}

function base64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** One frame as the object `camlab frames dump` prints for it (async: the payload hash uses crypto.subtle). */
export async function dumpFrame({ offset, header, payload }) {
  const { videoId, timestampUtcMs, frameCount, frameSizeBytes, headerSizeBytes, headerExtensionFlags, ...rest } = header;
  const main = { offset, videoId, timestampUtcMs, frameCount, frameSizeBytes, headerSizeBytes };
  if ('headerSizeBytesExt' in rest) main.headerSizeBytesExt = rest.headerSizeBytesExt;
  delete rest.headerSizeBytesExt;
  return {
    ...main,
    headerExtensionFlags,
    payloadLength: payload.length,
    payloadSha256: await sha256Hex(payload),
    payloadBase64: base64(payload),
    ...rest,
  };
}
