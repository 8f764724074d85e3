/**
 * The desktop app itself, through Playwright's _electron: open a fixture model (given on the command
 * line, as the OS does), see the model view, start a run and see it finish. It runs where Electron's
 * binary is installed; here (no route to Electron's download host) it is skipped, saying why.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../electron/main/electron-binary';
import { fixture } from '../helpers/fixtures';

const binary = findElectronBinary(path.resolve('node_modules/electron'));
const MNIST = fixture('models', 'mnist-8_opt_wonnx.onnx');

describe.skipIf(!binary.found)(
  binary.found ? 'desktop app (Electron)' : `desktop app (Electron): skipped: ${binary.message}`,
  () => {
    it('opens a model given on the command line, shows it, and runs a job', async () => {
      execFileSync('npm', ['run', 'build:app'], { stdio: 'inherit' });
      const app = await electron.launch({
        executablePath: binary.path!,
        args: [path.resolve('dist/electron/main/main.js'), MNIST],
      });
      try {
        const page = await app.firstWindow();
        await page.getByRole('region', { name: 'Model summary' }).waitFor({ timeout: 60_000 });
        expect(await page.getByTestId('open-name').innerText()).toContain('mnist-8_opt_wonnx.onnx');
        const state = await page.evaluate(async () => {
          const studio = (
            window as unknown as {
              studio: { call(name: string, request: unknown): Promise<{ jobId: string }> };
            }
          ).studio;
          const { jobId } = await studio.call('startJob', {
            job: { kind: 'self-test', steps: 3, stepMs: 10 },
          });
          for (let i = 0; i < 200; i++) {
            const { jobs } = (await studio.call('listJobs', {})) as unknown as {
              jobs: { jobId: string; state: string }[];
            };
            const job = jobs.find((candidate) => candidate.jobId === jobId);
            if (job && job.state !== 'running') return job.state;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          return 'timed out';
        });
        expect(state).toBe('succeeded');
      } finally {
        await app.close();
      }
    });
  },
);
