/**
 * The files the desktop app lets core read: only those the user chose in a dialog or dropped on the
 * window (and, for a chosen folder such as calibration images, what is inside it). Core writes only
 * into the app's work folder or next to files the user chose. A renderer that names any other path is
 * refused, so a compromised page cannot read the disk through IPC.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../core/api/api-error';
import type { FileAccess } from '../core/api/file-access';

export class GrantedPaths implements FileAccess {
  private readonly paths = new Set<string>();

  constructor(readonly workDir: string) {}

  grant(file: string): string {
    const absolute = path.resolve(file);
    this.paths.add(absolute);
    return absolute;
  }

  isGranted(file: string): boolean {
    const absolute = path.resolve(file);
    if (this.paths.has(absolute)) return true;
    return [...this.paths].some((granted) => isInside(absolute, granted) && isFolder(granted));
  }

  readable(file: string): string {
    if (!this.isGranted(file) && !isInside(path.resolve(file), this.workDir)) {
      throw new ApiError(403, `${file}: not opened through the Open dialog or a drop on the window; refused`);
    }
    return path.resolve(file);
  }

  /** The folders the user chose or dropped. */
  pickableFolders(): string[] {
    return [...this.paths].filter(isFolder);
  }

  writable(file: string): string {
    const absolute = path.resolve(file);
    if (
      isInside(absolute, this.workDir) ||
      this.isGranted(absolute) ||
      this.isGranted(path.dirname(absolute))
    ) {
      return absolute;
    }
    throw new ApiError(
      403,
      `${file}: the app writes only into its work folder or beside files you opened; refused`,
    );
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function isFolder(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
