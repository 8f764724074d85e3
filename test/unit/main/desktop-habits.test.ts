/**
 * Desktop habits of the main process, with 'electron' faked: one instance (a second launch forwards
 * its file), files from the command line, window state restored, crash recovery, Open Recent, PDF
 * export through printToPDF, and jobs in a utilityProcess whose crash is reported and whose next job
 * gets a fresh worker (the fake utilityProcess runs the real worker entry in a real child process).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fixture, tempDir } from '../../helpers/fixtures';

vi.mock('electron', () => import('./fake-electron'));

const { app, BrowserWindow, ipcEventFrom, ipcHandlers } = await import('./fake-electron');
const { claimSingleInstance } = await import('../../../electron/main/single-instance');
const { filesFromArgv } = await import('../../../electron/main/file-arguments');
const { loadWindowState, saveWindowState, DEFAULT_WINDOW_STATE } =
  await import('../../../electron/main/window-state');
const { RecoveryFile } = await import('../../../electron/main/recovery');
const { RecentFiles } = await import('../../../electron/main/recent-files');
const { registerPdfExportIpc } = await import('../../../electron/main/pdf-export');
const { GrantedPaths } = await import('../../../electron/main/granted-paths');
const { utilityWorker } = await import('../../../electron/main/utility-worker');
const { JobManager, starterWith } = await import('../../../electron/core/jobs/job-manager');
const { WORKER_ENTRY } = await import('../../../electron/core/jobs/job-runner');
const { DesktopChannel } = await import('../../../electron/core/api/desktop-channels');

const MNIST = fixture('models', 'mnist-8_opt_wonnx.onnx');
type JobRecordLike = { state: string; error?: { message: string } };

describe('one instance', () => {
  it('a second launch with a file forwards it to the first', () => {
    const opened: string[][] = [];
    expect(claimSingleInstance(app as never, (files) => opened.push(files))).toBe(true);
    app.emit(
      'second-instance',
      {},
      ['/opt/electron', '.', '--enable-logging', MNIST, 'missing.onnx'],
      process.cwd(),
    );
    expect(opened).toEqual([[MNIST]]);
  });

  it('quits when another instance holds the lock', () => {
    app.requestSingleInstanceLock.mockReturnValueOnce(false);
    expect(claimSingleInstance(app as never, () => undefined)).toBe(false);
  });

  it('reads files from argv: packaged [exe, file], development [electron, ., file]', () => {
    const folder = path.dirname(MNIST);
    expect(filesFromArgv(['/usr/bin/trt-studio', path.basename(MNIST)], folder, true)).toEqual([MNIST]);
    expect(filesFromArgv(['/electron', '.', '--inspect', MNIST], '/', false)).toEqual([MNIST]);
  });
});

describe('window state', () => {
  const displays = [{ x: 0, y: 0, width: 1920, height: 1080 }];

  it('is restored as saved, atomically written', () => {
    const file = path.join(tempDir(), 'window-state.json');
    saveWindowState(file, { x: 100, y: 80, width: 1500, height: 950, maximized: true });
    expect(loadWindowState(file, displays)).toEqual({
      x: 100,
      y: 80,
      width: 1500,
      height: 950,
      maximized: true,
    });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
  });

  it('drops a place that is on no display, and falls back on a broken file', () => {
    const file = path.join(tempDir(), 'window-state.json');
    saveWindowState(file, { x: 5000, y: 80, width: 1500, height: 950, maximized: false });
    expect(loadWindowState(file, displays)).toEqual({ width: 1500, height: 950, maximized: false });
    fs.writeFileSync(file, '{"width": 3');
    expect(loadWindowState(file, displays)).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(file, '{"width": 10, "height": 10, "maximized": false}');
    expect(loadWindowState(file, displays)).toEqual(DEFAULT_WINDOW_STATE);
  });
});

describe('crash recovery', () => {
  it('offers the last saved session after a crash, not after a clean quit', () => {
    const folder = tempDir();
    const file = path.join(folder, 'recovery.json');
    const session = path.join(folder, 'run.session.json');
    fs.writeFileSync(session, '{}');
    const first = new RecoveryFile(file);
    expect(first.start()).toBeNull();
    first.sessionSaved(session);
    // The app dies here: no cleanExit().
    const second = new RecoveryFile(file);
    expect(second.start()).toBe(session);
    second.cleanExit();
    expect(new RecoveryFile(file).start()).toBeNull();
  });
});

describe('Open Recent', () => {
  it('keeps the newest first, without duplicates or files that are gone', () => {
    const folder = tempDir();
    const recent = new RecentFiles(path.join(folder, 'recent.json'));
    const a = path.join(folder, 'a.onnx');
    const b = path.join(folder, 'b.onnx');
    fs.writeFileSync(a, '');
    fs.writeFileSync(b, '');
    recent.add([a]);
    recent.add([b]);
    expect(recent.add([a])).toEqual([a, b]);
    fs.rmSync(b);
    expect(recent.list()).toEqual([a]);
  });
});

describe('PDF export', () => {
  const appWindow = new BrowserWindow();
  const work = tempDir('trt-studio-pdf-work-');
  const granted = new GrantedPaths(work);
  registerPdfExportIpc(() => [appWindow] as never, granted);
  const invoke = (request: unknown) =>
    ipcHandlers.get(DesktopChannel.printReportPdf)!(ipcEventFrom(appWindow.webContents), request) as Promise<{
      ok: boolean;
      value?: string;
      error?: string;
    }>;

  it('prints the report HTML with printToPDF into the work folder, atomically', async () => {
    const html = path.join(work, 'report.html');
    fs.writeFileSync(html, '<!doctype html><h1>report</h1>');
    const pdf = path.join(work, 'report.pdf');
    expect(await invoke({ htmlPath: html, pdfPath: pdf })).toEqual({ ok: true, value: pdf });
    expect(fs.readFileSync(pdf, 'utf8')).toMatch(/^%PDF-/);
    const printer = BrowserWindow.created.at(-1)!;
    expect(printer.loadFile).toHaveBeenCalledWith(html);
    expect(printer.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(printer.destroy).toHaveBeenCalled();
  });

  it('refuses to read or write where the user never chose', async () => {
    expect(await invoke({ htmlPath: '/etc/passwd', pdfPath: path.join(work, 'x.pdf') })).toMatchObject({
      ok: false,
      status: 403,
    });
    const html = path.join(work, 'report.html');
    expect(await invoke({ htmlPath: html, pdfPath: '/etc/x.pdf' })).toMatchObject({ ok: false, status: 403 });
  });
});

describe('worker in a utilityProcess', () => {
  it('reports a crashed worker to the window and runs the next job in a fresh one', async () => {
    const jobs = new JobManager(starterWith(utilityWorker(WORKER_ENTRY)));
    const events: { type: string; record?: JobRecordLike }[] = [];
    jobs.onEvent((event) => events.push(event as never));
    const doomed = jobs.start({ kind: 'self-test', steps: 1000, stepMs: 20 });
    await vi.waitFor(() => expect(jobs.get(doomed)?.progress.length).toBeGreaterThan(0), { timeout: 20_000 });
    const firstPid = jobs.pidOf(doomed)!;
    process.kill(firstPid, 'SIGKILL');
    await vi.waitFor(() => expect(jobs.get(doomed)?.state).toBe('crashed'), { timeout: 20_000 });
    expect(jobs.get(doomed)?.error?.message).toMatch(
      /the worker process exited with code 137 before the job finished/,
    );
    expect(events.some((event) => event.type === 'finished' && event.record?.state === 'crashed')).toBe(true);

    const next = jobs.start({ kind: 'self-test', steps: 3, stepMs: 1 });
    expect(jobs.pidOf(next)).not.toBe(firstPid);
    await vi.waitFor(() => expect(jobs.get(next)?.state).toBe('succeeded'), { timeout: 20_000 });
  });
});
