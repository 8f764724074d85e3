/**
 * Words for a file the studio does not open, from its first bytes: "a JPEG image (800x533)", "a ZIP
 * archive", "a JSON file whose top level is an object with keys a, b, c". Signatures are the formats'
 * own magic numbers; a name is only worded into advice, never used to decide.
 */
import type { FileSample } from './file-sample';
import { sniffJson, type JsonShape } from './sniff-json';

export interface ContentDescription {
  /** What the bytes look like. */
  description: string;
  /** What to do with such a file instead, when there is something better to say than what is accepted. */
  hint?: string;
}

export type ImageType = 'JPEG' | 'PNG';

function startsWith(head: Uint8Array, bytes: (number | string)[], at = 0): boolean {
  const flat = bytes.flatMap((b) => (typeof b === 'string' ? [...b].map((c) => c.charCodeAt(0)) : [b]));
  return head.length >= at + flat.length && flat.every((byte, i) => head[at + i] === byte);
}

const u16be = (h: Uint8Array, at: number) => (h[at]! << 8) | h[at + 1]!;
const u32be = (h: Uint8Array, at: number) =>
  ((h[at]! << 24) >>> 0) + (h[at + 1]! << 16) + (h[at + 2]! << 8) + h[at + 3]!;
const u16le = (h: Uint8Array, at: number) => h[at]! | (h[at + 1]! << 8);

/** JPEG or PNG by signature (what calibration and evaluation read), else null. */
export function imageTypeOf(head: Uint8Array): ImageType | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'JPEG';
  if (startsWith(head, [0x89, 'PNG\r\n', 0x1a, '\n'])) return 'PNG';
  return null;
}

/** Width x height from a JPEG's frame header, when it lies within the head. */
function jpegSize(head: Uint8Array): string | undefined {
  let at = 2;
  while (at + 9 < head.length && head[at] === 0xff) {
    const marker = head[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return `${u16be(head, at + 7)}x${u16be(head, at + 5)}`;
    at += 2 + u16be(head, at + 2);
  }
  return undefined;
}

function imageDescription(head: Uint8Array): string | undefined {
  const type = imageTypeOf(head);
  const withSize = (name: string, size: string | undefined) => `${name}${size ? ` (${size})` : ''}`;
  if (type === 'JPEG') return withSize('a JPEG image', jpegSize(head));
  if (type === 'PNG')
    return withSize('a PNG image', head.length >= 24 ? `${u32be(head, 16)}x${u32be(head, 20)}` : undefined);
  if (startsWith(head, ['GIF87a']) || startsWith(head, ['GIF89a']))
    return withSize('a GIF image', head.length >= 10 ? `${u16le(head, 6)}x${u16le(head, 8)}` : undefined);
  if (startsWith(head, ['RIFF']) && startsWith(head, ['WEBP'], 8)) return 'a WebP image';
  if (startsWith(head, ['II*', 0]) || startsWith(head, ['MM', 0, '*'])) return 'a TIFF image';
  return undefined;
}

/** The name of a ZIP archive's first entry (its local file header). */
function firstZipEntry(head: Uint8Array): string {
  if (head.length < 30) return '';
  const length = u16le(head, 26);
  return new TextDecoder().decode(head.subarray(30, 30 + length));
}

const IMAGE_HINT = 'to calibrate or evaluate on images, give the folder that holds them';
const CONVERT_HINT = 'export the model to ONNX first';

function binaryDescription(sample: FileSample): ContentDescription | undefined {
  const head = sample.head;
  const image = imageDescription(head);
  if (image) return { description: image, hint: IMAGE_HINT };
  if (startsWith(head, ['PK', 3, 4]) || startsWith(head, ['PK', 5, 6])) {
    const entry = firstZipEntry(head);
    if (entry.endsWith('.npy'))
      return {
        description: 'a NumPy .npz archive',
        hint: 'give it as calibration or evaluation data (npy:PATH)',
      };
    if (/(^|\/)data\.pkl$/.test(entry))
      return { description: 'a PyTorch checkpoint (a ZIP archive with data.pkl)', hint: CONVERT_HINT };
    return { description: 'a ZIP archive' };
  }
  if (startsWith(head, [0x93, 'NUMPY']))
    return {
      description: 'a NumPy array (.npy)',
      hint: 'give it as calibration or evaluation data (npy:PATH)',
    };
  if (startsWith(head, ['TFL3'], 4)) return { description: 'a TensorFlow Lite model', hint: CONVERT_HINT };
  if (startsWith(head, [0x89, 'HDF\r\n', 0x1a, '\n']))
    return { description: 'an HDF5 file (a Keras .h5 model?)', hint: CONVERT_HINT };
  if (startsWith(head, ['%PDF-'])) return { description: 'a PDF document' };
  if (startsWith(head, [0x7f, 'ELF'])) return { description: 'an ELF executable or library' };
  if (startsWith(head, ['BZh']) && startsWith(head, ['1AY&SY'], 4))
    return { description: 'a bzip2-compressed file' };
  if (startsWith(head, [0xfd, '7zXZ', 0])) return { description: 'an xz-compressed file' };
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return { description: 'a zstd-compressed file' };
  if (startsWith(head, ['7z', 0xbc, 0xaf, 0x27, 0x1c])) return { description: 'a 7-Zip archive' };
  if (startsWith(head, ['ustar'], 257)) return { description: 'a tar archive' };
  return undefined;
}

/** Up to `max` names, then how many more (or an ellipsis when the text was cut before the end). */
function listOf(names: string[], complete: boolean, max = 6): string {
  const shown = names.slice(0, max).join(', ');
  if (names.length > max) return `${shown} and ${names.length - max} more`;
  return complete ? shown : `${shown}, ...`;
}

const PLURAL: Record<string, string> = {
  object: 'objects',
  array: 'arrays',
  string: 'strings',
  number: 'numbers',
  boolean: 'booleans',
  null: 'nulls',
};

export function jsonDescription(shape: JsonShape): string {
  if (shape.type === 'object') {
    if (shape.keys.length === 0)
      return shape.complete ? 'a JSON file holding an empty object' : 'a JSON file';
    return `a JSON file whose top level is an object with keys ${listOf(shape.keys, shape.complete)}`;
  }
  if (!shape.first)
    return shape.complete ? 'a JSON file holding an empty array' : 'a JSON file holding an array';
  const count = shape.complete ? `${shape.elements} ` : '';
  const keys =
    shape.first.type === 'object' && shape.first.keys.length > 0
      ? ` with keys ${listOf(shape.first.keys, shape.complete || shape.elements > 0)}`
      : '';
  return `a JSON file whose top level is an array of ${count}${PLURAL[shape.first.type]}${keys}`;
}

/** The head as text when it reads as UTF-8 text (no NUL, few control characters), else null. */
export function textOf(head: Uint8Array): string | null {
  let text: string;
  try {
    // stream: a character cut at the head's end is not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return null;
  }
  let control = 0;
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code === 0) return null;
    if (code < 0x20 && char !== '\n' && char !== '\r' && char !== '\t' && char !== '\f' && char !== '\x1b')
      control++;
  }
  return control * 100 > text.length ? null : text;
}

function textDescription(text: string): string {
  const shape = sniffJson(text);
  if (shape) return jsonDescription(shape);
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  if (!line) return 'a text file holding only white space';
  const shown = [...line].map((char) => (char < ' ' ? ' ' : char)).join('');
  return `a text file beginning "${shown.length > 48 ? `${shown.slice(0, 48)}...` : shown}"`;
}

/** Advice keyed by the name for content nothing here recognizes (the name decides nothing else). */
function nameHint(name: string): string | undefined {
  if (/\.nsys-rep$|\.qdrep$/i.test(name))
    return 'if this is an Nsight Systems report, export it first: nsys export --type sqlite -o run.sqlite run.nsys-rep';
  if (/\.(engine|plan|trt)$/i.test(name))
    return (
      'if this is a serialized TensorRT engine, export its layers and profile instead: trtexec --loadEngine=FILE ' +
      '--profilingVerbosity=detailed --exportLayerInfo=run.graph.json --exportProfile=run.profile.json'
    );
  return undefined;
}

/** Bytes with no signature and no text: also what an ONNX model's external weights look like. */
export const UNKNOWN_BINARY = 'binary data of no format the studio knows';

/** What a file of no kind the studio opens looks like. */
export function describeContent(sample: FileSample): ContentDescription {
  if (sample.size === 0 || sample.head.length === 0) return { description: 'an empty file' };
  const binary = binaryDescription(sample);
  if (binary) return binary;
  const text = textOf(sample.head);
  if (text !== null) return { description: textDescription(text), hint: nameHint(sample.name) };
  return { description: UNKNOWN_BINARY, hint: nameHint(sample.name) };
}
