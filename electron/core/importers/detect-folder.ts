/**
 * Whether a dropped folder is image data for calibration or evaluation: its files are told JPEG or PNG
 * by their signatures (the first bytes of at most FOLDER_SAMPLE files), never by their extensions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { imageTypeOf, type ImageType } from './describe-content';
import type { Verdict } from './file-kinds';

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The first 16 bytes of a file; none when it cannot be read (it then counts as a file of no image). */
function firstBytes(file: string): Uint8Array {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return new Uint8Array();
  }
  try {
    const head = new Uint8Array(16);
    return head.subarray(0, fs.readSync(fd, head, 0, head.length, 0));
  } catch {
    return new Uint8Array();
  } finally {
    fs.closeSync(fd);
  }
}

const FOLDER_SAMPLE = 256;

export function folderVerdict(folder: string): Verdict {
  const entries = fs.readdirSync(folder, { withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).sort((a, b) => a.name.localeCompare(b.name));
  const folders = entries.filter((entry) => entry.isDirectory()).length;
  const images: Record<ImageType, number> = { JPEG: 0, PNG: 0 };
  const checked = files.slice(0, FOLDER_SAMPLE);
  for (const file of checked) {
    const type = imageTypeOf(firstBytes(path.join(folder, file.name)));
    if (type) images[type]++;
  }
  const imageCount = images.JPEG + images.PNG;
  const contents = [
    files.length > 0 && plural(files.length, 'file'),
    folders > 0 && plural(folders, 'folder'),
  ]
    .filter(Boolean)
    .join(', ');
  if (imageCount === 0) {
    if (!contents) return { kind: 'unknown', description: 'an empty folder' };
    return {
      kind: 'unknown',
      description: `a folder with no JPEG or PNG images (${contents})`,
      hint: files.length > 0 ? 'open the files inside it, not the folder' : undefined,
    };
  }
  const types = (['JPEG', 'PNG'] as const).filter((type) => images[type] > 0);
  const counted = types.map((type) => `${images[type]} ${type}`).join(' and ');
  const noun = imageCount === 1 ? 'image' : 'images';
  const others = checked.length - imageCount;
  const rest = [
    others > 0 && `and ${plural(others, 'other file')}`,
    folders > 0 && `${plural(folders, 'folder')} inside not looked into`,
    files.length > checked.length && `the first ${checked.length} of ${files.length} files checked`,
  ].filter(Boolean);
  return {
    kind: 'image-folder',
    description: `a folder of ${counted} ${noun}${rest.length > 0 ? ` (${rest.join('; ')})` : ''}, usable for calibration or evaluation`,
  };
}
