/**
 * What a folder offers a run as calibration or evaluation data: its sub-folders (to browse into),
 * and how many JPEG/PNG images and .npy/.npz arrays it holds directly, which is what `images:DIR` and
 * `npy:DIR` read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../errors';

export interface InputFolder {
  path: string;
  folders: { name: string; path: string }[];
  images: number;
  arrays: number;
}

const IMAGE_FILE = /\.(jpe?g|png)$/i;
const ARRAY_FILE = /\.np[yz]$/i;

export function describeInputFolder(folder: string): InputFolder {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new StudioError(folder, code === 'ENOTDIR' ? 'not a folder' : 'no such folder');
  }
  const visible = entries.filter((entry) => !entry.name.startsWith('.'));
  const files = visible.filter((entry) => entry.isFile()).map((entry) => entry.name);
  return {
    path: folder,
    folders: visible
      .filter((entry) => entry.isDirectory())
      .map((entry) => ({ name: entry.name, path: path.join(folder, entry.name) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    images: files.filter((name) => IMAGE_FILE.test(name)).length,
    arrays: files.filter((name) => ARRAY_FILE.test(name)).length,
  };
}
