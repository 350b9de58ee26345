// The live picture: a stream from the stream API (POST /api/v1/streams → {videoId, urls}), frames from
// the video channel decoded by videochannel.js, each JPEG payload drawn on a canvas.
//
// Transport: the WebSocket push at urls.webSocket (one binary message per frame, an empty message each
// second as keep-alive). A browser cannot put an Authorization header on a WebSocket handshake, so the
// Digest-signed stream API answers the WebSocket URL with a single-use ticket (?ticket=…, 60 s, bound to
// this stream; docs/streaming.md "WebSocket tickets"). Should the upgrade still be refused (an old camera),
// the console falls back to the HTTP push form of the same channel (a digest-signed GET read as a stream,
// frames back to back), and to pull (one signed POST per frame) if that fails too.

import { readFrame, tryReadHeader, headerLength, FrameFormatError } from './videochannel.js';

export class VideoStream {
  /**
   * @param camera an onvif.js Camera (base path and credentials)
   * @param onFrame called with ({ header, bitmap, transport }) for every decoded frame
   * @param onState called with a short text when the connection changes
   */
  constructor(camera, onFrame, onState) {
    this.camera = camera;
    this.onFrame = onFrame;
    this.onState = onState;
    this.info = null;
    this.closed = false;
    this.socket = null;
    this.pushAbort = null;
    this.keepAlive = null;
    this.transport = '';
  }

  async open(profile, { width, height, fps = 15, quality = 75 } = {}) {
    // JPEG of the profile's view whatever its encoder (an H.264 main profile too): the browser decodes JPEG.
    const body = { profile, fps, quality, encoding: 'JPEG' };
    if (width) body.width = width;
    if (height) body.height = height;
    const response = await this.camera.credentials.fetch(`${this.camera.basePath}/api/v1/streams`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`stream API: HTTP ${response.status} ${await response.text()}`.trim());
    this.info = await response.json();
    this.#webSocket();
    return this.info;
  }

  /** Asks the camera for another size or rate (PATCH applies all or nothing). */
  async change(changes) {
    const response = await this.camera.credentials.fetch(this.#streamPath(), {
      method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(changes),
    });
    if (!response.ok) throw new Error(`stream API: HTTP ${response.status} ${await response.text()}`.trim());
    this.info = await response.json();
  }

  async close() {
    this.closed = true;
    clearInterval(this.keepAlive);
    this.socket?.close();
    this.pushAbort?.abort();
    if (this.info) {
      try { await this.camera.credentials.fetch(this.#streamPath(), { method: 'DELETE' }); } catch { /* leaving anyway */ }
    }
  }

  #streamPath() { return `${this.camera.basePath}/api/v1/streams/${this.info.videoId}`; }

  #webSocket() {
    let opened = false;
    let frames = 0;
    const socket = new WebSocket(this.info.urls.webSocket);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      opened = true;
      this.transport = 'WebSocket';
      this.onState('live (WebSocket)');
      this.keepAlive = setInterval(() => socket.readyState === WebSocket.OPEN && socket.send(new Uint8Array(0)), 1000);
    };
    socket.onmessage = (m) => { frames++; this.#show(new Uint8Array(m.data)); };
    socket.onclose = () => {
      clearInterval(this.keepAlive);
      if (this.closed) return;
      if (!opened || frames === 0) {
        this.onState('WebSocket refused; reading the HTTP push channel');
        this.#push();
      } else {
        this.onState('the video channel closed');
      }
    };
  }

  /** HTTP push: one GET whose body is frames back to back, read as they arrive (digest-signed by fetch). */
  async #push() {
    this.transport = 'HTTP push';
    const url = this.info.urls.httpPush ?? `${this.camera.basePath}/video/${this.info.videoId}`;
    this.pushAbort = new AbortController();
    let shown = 0;
    try {
      const response = await this.camera.credentials.fetch(url, { signal: this.pushAbort.signal });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      this.onState('live (HTTP push)');
      const reader = response.body.getReader();
      let buffer = new Uint8Array(0);
      for (;;) {
        const { value, done } = await reader.read();
        if (done || this.closed) break;
        const joined = new Uint8Array(buffer.length + value.length);
        joined.set(buffer);
        joined.set(value, buffer.length);
        buffer = joined;
        // Take every complete frame; keep the rest for the next chunk.
        for (;;) {
          const out = {};
          const header = tryReadHeader(buffer, {}, out);
          const length = header ? headerLength(header) + header.frameSizeBytes : Infinity;
          if (length > buffer.length) break;
          await this.#show(buffer.subarray(0, length));
          shown++;
          buffer = buffer.slice(length);
        }
      }
      if (!this.closed) this.onState('the video channel closed');
    } catch (e) {
      if (this.closed) return;
      if (e instanceof FrameFormatError) { this.onState(`bad frame on the push channel: ${e.message}`); return; }
      // No streaming response bodies, or push refused: one POST per frame still works.
      if (shown === 0) { this.onState(`HTTP push failed (${e.message}); pulling frames`); this.#pull(); return; }
      this.onState(`video channel: ${e.message}`);
    }
  }

  async #pull() {
    this.transport = 'HTTP pull';
    const url = this.info.urls.pull ?? `${this.camera.basePath}/video/${this.info.videoId}`;
    let failures = 0;
    while (!this.closed) {
      try {
        const response = await this.camera.credentials.fetch(url, { method: 'POST' });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        await this.#show(new Uint8Array(await response.arrayBuffer()));
        failures = 0;
        this.onState('live (HTTP pull)');
      } catch (e) {
        if (++failures >= 5) { this.onState(`video channel: ${e.message}`); return; }
        await new Promise((r) => setTimeout(r, 200 * failures));
      }
    }
  }

  async #show(bytes) {
    let frame;
    try {
      frame = readFrame(bytes);
    } catch (e) {
      if (e instanceof FrameFormatError) { this.onState(`bad frame: ${e.message}`); return; }
      throw e;
    }
    let bitmap = null;
    const type = frame.header.streamInfo?.dataType ?? 'JPEG';
    if (frame.payload.length > 0 && type === 'JPEG') {
      try {
        bitmap = await createImageBitmap(new Blob([frame.payload], { type: 'image/jpeg' }));
      } catch {
        bitmap = null; // a header-only or undecodable picture: the header still updates the overlay
      }
    }
    this.onFrame({ header: frame.header, bitmap, transport: this.transport, payloadLength: frame.payload.length });
  }
}
