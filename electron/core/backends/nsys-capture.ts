/**
 * Nsight Systems capture: runs a profiling job under
 * `nsys profile --trace=cuda,nvtx --capture-range=cudaProfilerApi --export=sqlite ...` and imports the
 * SQLite export with the nsys importer. The job marks what to record with cudaProfilerStart/Stop (the
 * native addon's profilerStart()/profilerStop(); the TensorRT backend does it when profiling with
 * `nsysRange: true`). Where nsys is not on the PATH, findNsys() says so and captureWithNsys() rejects.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { StudioError } from '../errors';
import { importNsysSqlite } from '../importers/nsys-sqlite';
import type { ImportResult } from '../importers/importer';
import { CancelledError } from '../model/progress';

export const NSYS_MISSING =
  'Nsight Systems (nsys) is not on the PATH: install Nsight Systems (part of the CUDA toolkit or from NVIDIA) ' +
  'and put its bin folder on the PATH to capture timelines; the built-in CUPTI tracer works without it';

/** The nsys executable on the PATH (or in NSYS_PATH), or undefined. */
export function findNsys(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env['NSYS_PATH'];
  if (explicit && isExecutable(explicit)) return explicit;
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, process.platform === 'win32' ? 'nsys.exe' : 'nsys');
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export interface NsysCaptureOptions {
  /** The job to profile: executable and arguments. */
  command: string;
  args: string[];
  /** Report path without extension: nsys writes <output>.nsys-rep and <output>.sqlite. */
  output: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Extra nsys profile options (before the job). */
  nsysArgs?: string[];
  signal?: AbortSignal;
  /** Called with each line nsys and the job print. */
  onOutput?: (line: string) => void;
}

export interface NsysCapture {
  nsys: string;
  argv: string[];
  sqlitePath: string;
  imported: ImportResult;
}

/** The full nsys command line for a job (exported for display and tests). */
export function nsysArgv(options: NsysCaptureOptions): string[] {
  return [
    'profile',
    '--trace=cuda,nvtx',
    '--capture-range=cudaProfilerApi',
    '--capture-range-end=stop',
    '--force-overwrite=true',
    '--export=sqlite',
    `--output=${options.output}`,
    ...(options.nsysArgs ?? []),
    options.command,
    ...options.args,
  ];
}

export async function captureWithNsys(options: NsysCaptureOptions): Promise<NsysCapture> {
  const nsys = findNsys(options.env ?? process.env);
  if (!nsys) throw new StudioError(undefined, NSYS_MISSING);
  const argv = nsysArgv(options);
  const said = await runToEnd(nsys, argv, options);
  const sqlitePath = `${options.output}.sqlite`;
  const recording = `${options.output}.qdstrm`;
  if (
    !fs.existsSync(sqlitePath) &&
    fs.existsSync(recording) &&
    !fs.existsSync(`${options.output}.nsys-rep`)
  ) {
    // Seen on the H200 machine with the nsys inside Nsight Compute 2025.3.1: the range was recorded,
    // then "Unable to retrieve the importer version: skipping importation of the QDSTRM file".
    const importer = (
      said.find((l) => /importation/i.test(l)) ?? said.find((l) => /importer/i.test(l))
    )?.trim();
    throw new StudioError(
      recording,
      `nsys recorded the capture range but did not turn it into a report${importer ? ` ("${importer}")` : ''}: this nsys lacks its QdstrmImporter, as the copy inside Nsight Compute does; use a full Nsight Systems install`,
    );
  }
  if (!fs.existsSync(sqlitePath)) {
    throw new StudioError(
      sqlitePath,
      'nsys finished but wrote no SQLite export (did the job call cudaProfilerStart/Stop around its work?)',
    );
  }
  return { nsys, argv, sqlitePath, imported: await importNsysSqlite(sqlitePath) };
}

/** Runs nsys to its end; resolves with the last lines it (and the job) printed. */
function runToEnd(nsys: string, argv: string[], options: NsysCaptureOptions): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(nsys, argv, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    const onData = (chunk: Buffer) => {
      for (const raw of chunk.toString('utf8').split(/\r?\n/)) {
        // A progress bar redraws its line with carriage returns: keep what a terminal would show.
        const line = raw.split('\r').filter(Boolean).at(-1);
        if (!line) continue;
        tail.push(line);
        if (tail.length > 20) tail.shift();
        options.onOutput?.(line);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const abort = () => child.kill('SIGTERM');
    options.signal?.addEventListener('abort', abort, { once: true });
    child.on('error', (error) => reject(new StudioError(nsys, `cannot start nsys: ${error.message}`)));
    child.on('close', (code, signal) => {
      options.signal?.removeEventListener('abort', abort);
      if (options.signal?.aborted) return reject(new CancelledError());
      if (code === 0) return resolve(tail);
      const last = tail.slice(-3).join(' | ');
      reject(new StudioError(nsys, `nsys profile failed (${signal ?? `exit ${code}`}): ${last}`));
    });
  });
}
