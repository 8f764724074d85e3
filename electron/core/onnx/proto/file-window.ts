/**
 * Positioned, buffered reads of a file for walking protobuf wire format without loading the file:
 * a model of several GB is walked with a 64 KiB window, and tensor payloads are skipped, not read.
 */
import fs from 'node:fs';

// Small: after each skipped payload the window reloads, so its size is read once per initializer.
const WINDOW_BYTES = 64 << 10;

export class WireFormatError extends Error {}

export class FileWindow {
  private readonly fd: number;
  readonly size: number;
  private window = new Uint8Array(WINDOW_BYTES);
  private windowStart = 0;
  private windowEnd = 0;

  constructor(fd: number, size: number) {
    this.fd = fd;
    this.size = size;
  }

  /** Loads the window so that [position, position + length) is inside it (length <= window size). */
  private ensure(position: number, length: number): void {
    if (position >= this.windowStart && position + length <= this.windowEnd) return;
    if (length > this.window.length) this.window = new Uint8Array(length);
    const read = fs.readSync(this.fd, this.window, 0, this.window.length, position);
    this.windowStart = position;
    this.windowEnd = position + read;
    if (position + length > this.windowEnd) {
      throw new WireFormatError(`unexpected end of file at byte ${this.windowEnd} (file is truncated)`);
    }
  }

  /** Reads a base-128 varint at `position`; returns its value (exact below 2^53) and the next position. */
  varint(position: number, limit: number): [number, number] {
    this.ensure(position, Math.min(10, limit - position, this.size - position) || 1);
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (position + i >= limit)
        throw new WireFormatError(`varint runs past its message at byte ${position}`);
      const byte = this.window[position + i - this.windowStart]!;
      value += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) return [value, position + i + 1];
    }
    throw new WireFormatError(`malformed varint at byte ${position}`);
  }

  /** Copies `length` bytes at `position` (used for structure, never for tensor payloads). */
  bytes(position: number, length: number): Uint8Array {
    if (position + length > this.size) {
      throw new WireFormatError(`field at byte ${position} needs ${length} bytes past the end of the file`);
    }
    if (length <= this.window.length) {
      this.ensure(position, length);
      return this.window.slice(position - this.windowStart, position - this.windowStart + length);
    }
    const out = new Uint8Array(length);
    const read = fs.readSync(this.fd, out, 0, length, position);
    if (read < length) throw new WireFormatError(`unexpected end of file at byte ${position + read}`);
    return out;
  }
}

/** One protobuf field found while walking: its number, wire type and byte span. */
export interface WireField {
  number: number;
  wireType: number;
  /** Position of the tag (start of the whole field). */
  start: number;
  /** Position of the payload (after tag, and after the length for wire type 2). */
  payloadStart: number;
  /** End of the whole field. */
  end: number;
}

/** Walks the fields of a message occupying [start, end) of the file. */
export function* walkFields(file: FileWindow, start: number, end: number): Generator<WireField> {
  let position = start;
  while (position < end) {
    const fieldStart = position;
    const [tag, afterTag] = file.varint(position, end);
    const number = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (number === 0) throw new WireFormatError(`invalid field number 0 at byte ${fieldStart}`);
    let payloadStart = afterTag;
    let fieldEnd: number;
    switch (wireType) {
      case 0: {
        fieldEnd = file.varint(afterTag, end)[1];
        break;
      }
      case 1:
        fieldEnd = afterTag + 8;
        break;
      case 2: {
        const [length, afterLength] = file.varint(afterTag, end);
        payloadStart = afterLength;
        fieldEnd = afterLength + length;
        break;
      }
      case 5:
        fieldEnd = afterTag + 4;
        break;
      default:
        throw new WireFormatError(`unsupported wire type ${wireType} at byte ${fieldStart}`);
    }
    if (fieldEnd > end) {
      throw new WireFormatError(
        fieldEnd > file.size
          ? `field ${number} at byte ${fieldStart} runs past the end of the file (file is truncated)`
          : `field ${number} at byte ${fieldStart} runs past the end of its message`,
      );
    }
    yield { number, wireType, start: fieldStart, payloadStart, end: fieldEnd };
    position = fieldEnd;
  }
}
