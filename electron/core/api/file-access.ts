/**
 * FileAccess: which paths a front end may make core read or write. The desktop app allows the files
 * the user chose or dropped (electron/main/granted-paths.ts); `serve` allows its own work folder
 * (uploads, sessions) and the folders given with --allow-path, and nothing else: no `..`, and no
 * symbolic link that leads out (paths are compared after resolving every link).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from './api-error';

export interface FileAccess {
  /** The absolute path to read, or throws ApiError 403 naming the path. */
  readable(file: string): string;
  /** The absolute path to write (its folder must be allowed), or throws ApiError 403. */
  writable(file: string): string;
  /** The folder where the front end's own files go (saved sessions, variants, reports). */
  readonly workDir: string;
  /** Folders a user may pick data from by path (browsed in the Run view). */
  pickableFolders(): string[];
}

/** The real path of `file`, or of its nearest existing parent joined with the rest (for new files). */
function realPathOf(file: string): string {
  const rest: string[] = [];
  let current = file;
  for (;;) {
    try {
      return path.join(fs.realpathSync(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return file;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Access limited to a set of folders (the server's policy). */
export class AllowedFolders implements FileAccess {
  private readonly roots: string[];
  private readonly allowed: string[];
  /** Single files that may be read but not written (the sample model). */
  private readonly readOnlyFiles: Set<string>;

  constructor(
    readonly workDir: string,
    allowed: string[] = [],
    readOnlyFiles: string[] = [],
  ) {
    fs.mkdirSync(workDir, { recursive: true });
    this.allowed = allowed.map((folder) => path.resolve(folder));
    this.roots = [workDir, ...allowed].map((folder) => {
      const stat = fs.statSync(folder, { throwIfNoEntry: false });
      if (!stat?.isDirectory())
        throw new ApiError(400, `${folder}: --allow-path must name an existing folder`);
      return fs.realpathSync(folder);
    });
    this.readOnlyFiles = new Set(readOnlyFiles.map((file) => realPathOf(path.resolve(file))));
  }

  readable(file: string): string {
    const absolute = path.resolve(this.workDir, file);
    if (!file.split(/[\\/]/).includes('..') && this.readOnlyFiles.has(realPathOf(absolute))) return absolute;
    return this.check(file);
  }

  writable(file: string): string {
    return this.check(file);
  }

  /** The --allow-path folders (the work folder holds the server's own files, not the user's data). */
  pickableFolders(): string[] {
    return [...this.allowed];
  }

  private check(file: string): string {
    if (file.split(/[\\/]/).includes('..')) {
      throw new ApiError(403, `${file}: refused: '..' is not allowed in a path`);
    }
    const absolute = path.resolve(this.workDir, file);
    const real = realPathOf(absolute);
    if (!this.roots.some((root) => isInside(real, root))) {
      throw new ApiError(
        403,
        `${file}: refused: outside the folders this server may read (its work folder and --allow-path)`,
      );
    }
    return absolute;
  }
}
