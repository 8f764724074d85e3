/**
 * "Files -> Session" on the real fixtures: mixed drops become one session, each file says what it
 * became or why it was refused. Expected figures come from the files themselves (read with python's
 * json module: 25 layers after folding in the FP16 graph, mean latency 0.86277 ms in its
 * profile.metadata) and from the other tests of the importers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../../electron/core/errors';
import {
  filesToSession,
  filesToSessions,
  firstRefusal,
} from '../../../electron/core/importers/files-to-session';
import { saveSession } from '../../../electron/core/model/session';
import { readOnnx } from '../../../electron/core/onnx/reader';
import { fixture, tempDir } from '../../helpers/fixtures';

const fp16 = (kind: string) => fixture('trtexec', `pytorch__resnet__A100__fp16__resnet.${kind}.json`);
const fp32 = (kind: string) => fixture('trtexec', `pytorch__resnet__A100__fp32__resnet.${kind}.json`);
const mnist = fixture('models', 'mnist-8_opt_wonnx.onnx');
const dir = tempDir('trt-files-to-session-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('files -> session', () => {
  it("an ONNX model and a trtexec run's three files become one session", async () => {
    const result = await filesToSession([mnist, fp16('graph'), fp16('profile'), fp16('profile.metadata')]);
    const { session } = result;
    expect(session.model!.source.path).toBe(mnist);
    expect(session.model!.nodes.length).toBe(readOnnx(mnist).graph.nodes.length);
    expect(session.engines.map((engine) => [engine.id, engine.layers.length])).toEqual([
      ['trtexec:pytorch__resnet__A100__fp16__resnet', 25],
    ]);
    expect(session.profiles[0]!.engineId).toBe(session.engines[0]!.id);
    expect(session.profiles[0]!.latency!.meanMs).toBe(0.86277);
    expect(result.runs.map((run) => run.label)).toEqual(['pytorch__resnet__A100__fp16__resnet']);
    expect(result.files.map((file) => [file.status, file.message])).toEqual([
      ['accepted', "the session's model"],
      [
        'accepted',
        'part of run "pytorch__resnet__A100__fp16__resnet": trtexec layer information (--exportLayerInfo)',
      ],
      [
        'accepted',
        'part of run "pytorch__resnet__A100__fp16__resnet": a trtexec per-layer profile (--exportProfile)',
      ],
      [
        'accepted',
        'part of run "pytorch__resnet__A100__fp16__resnet": TREx metadata of a trtexec run (performance summary)',
      ],
    ]);
    expect(firstRefusal(result.files)).toBeUndefined();
  });

  it('a console log beside the run joins it, under uploads named as the user named them', async () => {
    const folder = fs.mkdtempSync(path.join(dir, 'upload-'));
    const upload = (source: string, index: number) => {
      const file = path.join(folder, `upload-${index}`);
      fs.copyFileSync(source, file);
      return file;
    };
    const log = path.join(dir, 'log.txt');
    fs.writeFileSync(
      log,
      [
        '&&&& RUNNING TensorRT.trtexec [TensorRT v8401] # trtexec --loadEngine=resnet.engine',
        '[06/02/2022-10:11:12] [I] === Performance summary ===',
        '[06/02/2022-10:11:12] [I] Throughput: 1155.36 qps',
        '&&&& PASSED TensorRT.trtexec [TensorRT v8401]',
      ].join('\n'),
    );
    const result = await filesToSession([
      { path: upload(fp16('graph'), 0), name: 'resnet.graph.json' },
      { path: upload(fp16('profile'), 1), name: 'resnet.profile.json' },
      { path: upload(log, 2), name: 'resnet.log' },
    ]);
    expect(result.files.map((file) => [file.name, file.kind, file.status])).toEqual([
      ['resnet.graph.json', 'trtexec-layer-info', 'accepted'],
      ['resnet.profile.json', 'trtexec-profile', 'accepted'],
      ['resnet.log', 'trtexec-log', 'accepted'],
    ]);
    expect(result.runs.map((run) => run.label)).toEqual(['resnet']);
    expect(result.session.profiles[0]!.throughputQps).toBe(1155.36);
  });

  it('an Nsight Systems export, a Kineto trace and an ONNX Runtime profile', async () => {
    const result = await filesToSession([
      fixture('nsys', 'profile4.sqlite'),
      fixture('traces', 'hta_triton_example.json.gz'),
      fixture('traces', 'ort_resnet18_cpu_2026-11-21_11-45-27_469.json'),
    ]);
    expect(result.files.map((file) => file.message)).toEqual([
      'an Nsight Systems SQLite export: 1 profile, 1 trace',
      'a Chrome trace (PyTorch Kineto; gzip-compressed): 1 trace',
      'an ONNX Runtime profile: 1 engine, 1 profile, 1 trace',
    ]);
    expect(result.session.traces.map((trace) => trace.source)).toEqual(['nsys', 'kineto', 'onnxruntime']);
    expect(result.session.engines.map((engine) => engine.backend)).toEqual(['onnxruntime']);
    expect(result.session.model).toBeUndefined();
    // The export's version is a fact about the file, not a problem with it.
    expect(result.notes.some((note) => /nsys 2022\.1/.test(note))).toBe(true);
    expect(result.warnings.some((warning) => /nsys 2022\.1/.test(warning))).toBe(false);
  });

  it('a saved session reopens, takes a model, and refuses a second session and a second model', async () => {
    const imported = await filesToSession([fp32('graph'), fp32('profile')]);
    expect(imported.session.model).toBeUndefined(); // a session made by import has no model
    const saved = path.join(dir, 'fp32.session.json');
    saveSession(saved, imported.session);
    const other = path.join(dir, 'other.session.json');
    saveSession(other, imported.session);

    const yolox = fixture('models', 'yolox_nano_416.onnx');
    const result = await filesToSession([saved, other, yolox, mnist]);
    expect(result.session.engines.map((engine) => engine.id)).toEqual([
      'trtexec:pytorch__resnet__A100__fp32__resnet',
    ]);
    expect(result.session.model!.source.path).toBe(yolox);
    expect(result.files.map((file) => [file.status, file.message])).toEqual([
      ['accepted', 'opened: 1 engine, 1 profile'],
      ['refused', 'a second session file (fp32.session.json is open): open one session at a time'],
      ['accepted', "the session's model"],
      ['refused', "a second model (the session's is yolox_nano_416.onnx): a session holds one model"],
    ]);
    const refusal = firstRefusal(result.files);
    expect(refusal).toBeInstanceOf(StudioError);
    expect(refusal!.file).toBe(other);
  });

  it('refuses, in one line each, what it cannot open', async () => {
    const cut = path.join(dir, 'cut.profile.json');
    fs.writeFileSync(cut, '[{"count": 3}, {"name": "a", "timeMs": 1');
    const result = await filesToSession([
      fixture('images', 'mobilenet_sample.jpg'),
      fp16('build.metadata'),
      cut,
      path.join(dir, 'nowhere.onnx'),
    ]);
    expect(result.files.map((file) => [file.kind, file.status])).toEqual([
      ['unknown', 'refused'],
      ['trtexec-metadata', 'refused'],
      ['trtexec-profile', 'refused'],
      ['unreadable', 'refused'],
    ]);
    const [jpeg, metadata, truncated, missing] = result.files.map((file) => file.message);
    expect(jpeg).toBe(
      'a JPEG image (800x533): to calibrate or evaluate on images, give the folder that holds them',
    );
    expect(metadata).toBe(
      'run "pytorch__resnet__A100__fp16__resnet" has no layer information and no per-layer profile',
    );
    expect(truncated).toMatch(/^not valid JSON \(the file looks truncated\)/);
    expect(missing).toBe('no such file');
    expect(result.session.engines).toEqual([]);
  });

  it('keeps an image folder for a profile job and takes a model with its external weights', async () => {
    const result = await filesToSession([
      fixture('images', 'coco-calib'),
      fixture('models', 'ext_weights.onnx'),
      fixture('models', 'ext_weights.data'),
    ]);
    expect(result.imageFolders).toEqual([fixture('images', 'coco-calib')]);
    expect(result.files.map((file) => [file.kind, file.status])).toEqual([
      ['image-folder', 'accepted'],
      ['onnx-model', 'accepted'],
      ['onnx-external-data', 'accepted'],
    ]);
    expect(result.session.model!.initializers.every((tensor) => tensor.location === 'external')).toBe(true);
  });
});

describe('files -> sessions (for a comparison)', () => {
  it('keeps each session file apart and makes one more session of the other files', async () => {
    const saved = path.join(dir, 'fp32-alone.session.json');
    saveSession(saved, (await filesToSession([fp32('graph'), fp32('profile')])).session);
    const result = await filesToSessions([fp16('graph'), saved, fp16('profile')]);
    expect(result.sessions.map((part) => part.session.engines.map((engine) => engine.id))).toEqual([
      ['trtexec:pytorch__resnet__A100__fp32__resnet'],
      ['trtexec:pytorch__resnet__A100__fp16__resnet'],
    ]);
    expect(result.files.map((file) => file.status)).toEqual(['accepted', 'accepted', 'accepted']);
  });
});
