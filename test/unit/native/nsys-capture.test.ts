/**
 * Nsight Systems capture. nsys is not installed here (and cannot be): without it the capture says so;
 * with a stand-in `nsys` executable on the PATH (the one unreachable boundary), the command line the
 * studio passes and the import of the SQLite export it leaves are checked on a real nsys export.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  captureWithNsys,
  findNsys,
  NSYS_MISSING,
  nsysArgv,
} from '../../../electron/core/backends/nsys-capture';
import { SpanKind } from '../../../electron/core/model/trace';
import { fixture } from '../../helpers/fixtures';

const conKernel = fixture('nsys', 'con_kernel.sqlite');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nsys-capture-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function countRows(table: string): number {
  return Number(
    execFileSync('sqlite3', [conKernel, `select count(*) from ${table}`], { encoding: 'utf8' }).trim(),
  );
}

describe('nsys capture', () => {
  it('without nsys on the PATH: findNsys is undefined and the capture says so', async () => {
    const env = { PATH: scratch };
    expect(findNsys(env)).toBeUndefined();
    await expect(
      captureWithNsys({ command: 'node', args: ['job.js'], output: path.join(scratch, 'r'), env }),
    ).rejects.toThrow(NSYS_MISSING);
  });

  it('builds the nsys command line around the job', () => {
    expect(nsysArgv({ command: 'node', args: ['worker.js', '--x'], output: '/tmp/run1' })).toEqual([
      'profile',
      '--trace=cuda,nvtx',
      '--capture-range=cudaProfilerApi',
      '--capture-range-end=stop',
      '--force-overwrite=true',
      '--export=sqlite',
      '--output=/tmp/run1',
      'node',
      'worker.js',
      '--x',
    ]);
  });

  it('runs nsys with that command line and imports the SQLite export it wrote', async () => {
    const bin = path.join(scratch, 'bin');
    fs.mkdirSync(bin);
    const argvLog = path.join(scratch, 'argv.txt');
    // Stand-in for nsys: logs its arguments and leaves a real nsys export where --output points.
    fs.writeFileSync(
      path.join(bin, 'nsys'),
      `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvLog}'\nfor a in "$@"; do case "$a" in --output=*) out="\${a#--output=}";; esac; done\ncp '${conKernel}' "$out.sqlite"\nprintf '\\r[2/2] [=10%%] x.sqlite\\r[2/2] [=100%%] x.sqlite\\n'\necho "Generated $out.sqlite"\n`,
      { mode: 0o755 },
    );
    const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH']}` };
    const output = path.join(scratch, 'capture');
    const lines: string[] = [];
    const capture = await captureWithNsys({
      command: 'node',
      args: ['job.js'],
      output,
      env,
      onOutput: (l) => lines.push(l),
    });
    expect(capture.nsys).toBe(path.join(bin, 'nsys'));
    expect(fs.readFileSync(argvLog, 'utf8').trim().split('\n')).toEqual(capture.argv);
    // nsys's export progress bar (carriage returns) arrives as the line it ends on.
    expect(lines).toEqual(['[2/2] [=100%] x.sqlite', `Generated ${output}.sqlite`]);
    const trace = capture.imported.traces[0]!;
    const kinds = Array.from(trace.spans.kind.subarray(0, trace.spans.count));
    expect(kinds.filter((k) => k === SpanKind.Kernel).length).toBe(countRows('CUPTI_ACTIVITY_KIND_KERNEL'));
    expect(kinds.filter((k) => k === SpanKind.Memcpy).length).toBe(countRows('CUPTI_ACTIVITY_KIND_MEMCPY'));
    expect(kinds.filter((k) => k === SpanKind.Memset).length).toBe(countRows('CUPTI_ACTIVITY_KIND_MEMSET'));
  });

  it('an nsys that records but cannot import its recording (the copy inside Nsight Compute) says so', async () => {
    const bin = path.join(scratch, 'no-importer');
    fs.mkdirSync(bin);
    // What the nsys of Nsight Compute 2025.3.1 did on the H200 machine: a .qdstrm, no report, exit 0.
    fs.writeFileSync(
      path.join(bin, 'nsys'),
      `#!/bin/sh\nfor a in "$@"; do case "$a" in --output=*) out="\${a#--output=}";; esac; done\necho "Importer error status: An unknown error occurred."\necho "Unable to retrieve the importer version: skipping importation of the QDSTRM file."\necho "Capture range started in the application."\ntouch "$out.qdstrm"\necho "Generated: $out.qdstrm"\n`,
      { mode: 0o755 },
    );
    const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH']}` };
    const output = path.join(scratch, 'recorded');
    const error = await captureWithNsys({ command: 'node', args: [], output, env }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      `${output}.qdstrm: nsys recorded the capture range but did not turn it into a report ("Unable to retrieve the importer version: skipping importation of the QDSTRM file."): this nsys lacks its QdstrmImporter, as the copy inside Nsight Compute does; use a full Nsight Systems install`,
    );
  });

  it('a failing nsys run is an error with its last words', async () => {
    const bin = path.join(scratch, 'failing');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'nsys'), '#!/bin/sh\necho "Error: no CUDA device" >&2\nexit 3\n', {
      mode: 0o755,
    });
    const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH']}` };
    await expect(
      captureWithNsys({ command: 'node', args: [], output: path.join(scratch, 'x'), env }),
    ).rejects.toThrow(/nsys profile failed \(exit 3\): Error: no CUDA device/);
  });
});
