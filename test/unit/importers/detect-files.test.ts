/**
 * Detection of whatever a user drops. One table holds every file under ../shared/fixtures with its
 * kind and the line a user reads (a folder row stands for the files in it; a fixture missing from the
 * table fails the first test, so new fixtures must be classified). Each row is detected twice: as a
 * drop of its folder's files, and from its first bytes alone under a meaningless name (what a browser
 * sends before an upload): the name must not matter. Files of no known kind are made in the test.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { detectBytes, detectFile, detectFiles } from '../../../electron/core/importers/detect-file';
import { ACCEPTED_FILES, type FileKind } from '../../../electron/core/importers/file-kinds';
import { HEAD_BYTES } from '../../../electron/core/importers/file-sample';
import { importers } from '../../../electron/core/importers/registry';
import { sniffJson } from '../../../electron/core/importers/sniff-json';
import { loadSqlJs } from '../../../electron/core/importers/sqlite-database';
import { newSession, saveSession } from '../../../electron/core/model/session';
import { FIXTURES, fixture, tempDir } from '../../helpers/fixtures';

const LAYERS = 'trtexec layer information (--exportLayerInfo)';
const PROFILE = 'a trtexec per-layer profile (--exportProfile)';
const TIMES = 'trtexec per-inference times (--exportTimes)';
const BUILD = 'TREx metadata of a trtexec run (build options)';
const DEVICE = 'TREx metadata of a trtexec run (device properties)';
const SUMMARY = 'TREx metadata of a trtexec run (performance summary)';
const NSYS = 'an Nsight Systems SQLite export';
const ORT = 'an ONNX Runtime profile';
const KINETO = 'a Chrome trace (PyTorch Kineto; gzip-compressed)';

/** [path under fixtures, kind, description]. */
const FIXTURE_TABLE: [string, FileKind, string][] = [
  ['MANIFEST.md', 'unknown', 'a text file beginning "# Test fixtures: real files made by others"'],
  ['images/coco-calib', 'image-folder', 'a folder of 48 JPEG images, usable for calibration or evaluation'],
  ['images/coco-eval', 'image-folder', 'a folder of 16 JPEG images, usable for calibration or evaluation'],
  ['images/mobilenet_sample.jpg', 'unknown', 'a JPEG image (800x533)'],
  [
    'models/attention_head_polygraphy.onnx',
    'onnx-model',
    'an ONNX model (IR 10, opset 22, from attention_head_example)',
  ],
  ['models/ext_weights.data', 'onnx-external-data', 'the external weights of ext_weights.onnx'],
  ['models/ext_weights.onnx', 'onnx-model', 'an ONNX model (IR 7, opset 11)'],
  ['models/fastestdet_352.onnx', 'onnx-model', 'an ONNX model (IR 6, opset 11, from pytorch 1.11.0)'],
  ['models/light_resnet50_onnx.onnx', 'onnx-model', 'an ONNX model (IR 3, opset 9, from onnx-caffe2)'],
  [
    'models/light_resnet50_output_0.pb',
    'unknown',
    'an ONNX tensor (float32 [1, 1000]), such as a reference output',
  ],
  ['models/mnist-7_winml.onnx', 'onnx-model', 'an ONNX model (IR 3, opset 7, from CNTK 2.5.1)'],
  ['models/mnist-8_opt_wonnx.onnx', 'onnx-model', 'an ONNX model (IR 3, opset 8, from CNTK 2.5.1)'],
  [
    'models/mobilenet_v2_128_0.5.onnx',
    'onnx-model',
    'an ONNX model (IR 7, opset 15, from tf2onnx 1.12.0 ddca3a)',
  ],
  ['models/qdq_conv_polygraphy.onnx', 'onnx-model', 'an ONNX model (IR 9, opset 13)'],
  ['models/squeezenet1.1_fp16_winml.onnx', 'onnx-model', 'an ONNX model (IR 3, opset 7, from onnx-caffe2)'],
  [
    'models/tiny_distilbert_sst2_optimum.onnx',
    'onnx-model',
    'an ONNX model (IR 7, opset 11, from pytorch 1.10)',
  ],
  ['models/yolox_nano_416.onnx', 'onnx-model', 'an ONNX model (IR 7, opset 11, from pytorch 1.10)'],
  ['nsys/con_kernel.sqlite', 'nsys-sqlite', NSYS],
  ['nsys/profile4.sqlite', 'nsys-sqlite', NSYS],
  ['nsys/saxpy-mpi-cuda_nsys_perlmutter0.sqlite', 'nsys-sqlite', NSYS],
  ['traces/hta_alexnet_a100_inference_trace.json.gz', 'chrome-trace', KINETO],
  ['traces/hta_triton_example.json.gz', 'chrome-trace', KINETO],
  ['traces/onnxruntime_profile__2019-06-28_04-56-43.json', 'onnxruntime-profile', ORT],
  ['traces/ort_resnet18_cpu_2026-11-21_11-45-27_469.json', 'onnxruntime-profile', ORT],
  ['trtexec/legacy__googlenet_gpu.profile.json', 'trtexec-profile', PROFILE],
  ['trtexec/pytorch__resnet__A100__fp16__resnet.build.metadata.json', 'trtexec-metadata', BUILD],
  ['trtexec/pytorch__resnet__A100__fp16__resnet.graph.json', 'trtexec-layer-info', LAYERS],
  ['trtexec/pytorch__resnet__A100__fp16__resnet.metadata.json', 'trtexec-metadata', DEVICE],
  ['trtexec/pytorch__resnet__A100__fp16__resnet.profile.json', 'trtexec-profile', PROFILE],
  ['trtexec/pytorch__resnet__A100__fp16__resnet.profile.metadata.json', 'trtexec-metadata', SUMMARY],
  ['trtexec/pytorch__resnet__A100__fp16__resnet.timing.json', 'trtexec-times', TIMES],
  ['trtexec/pytorch__resnet__A100__fp32__resnet.build.metadata.json', 'trtexec-metadata', BUILD],
  ['trtexec/pytorch__resnet__A100__fp32__resnet.graph.json', 'trtexec-layer-info', LAYERS],
  ['trtexec/pytorch__resnet__A100__fp32__resnet.metadata.json', 'trtexec-metadata', DEVICE],
  ['trtexec/pytorch__resnet__A100__fp32__resnet.profile.json', 'trtexec-profile', PROFILE],
  ['trtexec/pytorch__resnet__A100__fp32__resnet.profile.metadata.json', 'trtexec-metadata', SUMMARY],
  [
    'trtexec/pytorch__resnet__A100__qat-residual-qgap__resnet-qat-residual-qgap.build.metadata.json',
    'trtexec-metadata',
    BUILD,
  ],
  [
    'trtexec/pytorch__resnet__A100__qat-residual-qgap__resnet-qat-residual-qgap.graph.json',
    'trtexec-layer-info',
    LAYERS,
  ],
  [
    'trtexec/pytorch__resnet__A100__qat-residual-qgap__resnet-qat-residual-qgap.metadata.json',
    'trtexec-metadata',
    DEVICE,
  ],
  [
    'trtexec/pytorch__resnet__A100__qat-residual-qgap__resnet-qat-residual-qgap.profile.json',
    'trtexec-profile',
    PROFILE,
  ],
  [
    'trtexec/pytorch__resnet__A100__qat-residual-qgap__resnet-qat-residual-qgap.profile.metadata.json',
    'trtexec-metadata',
    SUMMARY,
  ],
  [
    'trtexec/pytorch__resnet__A100__qat-residual__resnet-qat-residual.build.metadata.json',
    'trtexec-metadata',
    BUILD,
  ],
  [
    'trtexec/pytorch__resnet__A100__qat-residual__resnet-qat-residual.graph.json',
    'trtexec-layer-info',
    LAYERS,
  ],
  [
    'trtexec/pytorch__resnet__A100__qat-residual__resnet-qat-residual.metadata.json',
    'trtexec-metadata',
    DEVICE,
  ],
  [
    'trtexec/pytorch__resnet__A100__qat-residual__resnet-qat-residual.profile.json',
    'trtexec-profile',
    PROFILE,
  ],
  [
    'trtexec/pytorch__resnet__A100__qat-residual__resnet-qat-residual.profile.metadata.json',
    'trtexec-metadata',
    SUMMARY,
  ],
  ['trtexec/pytorch__resnet__A100__qat__resnet-qat.build.metadata.json', 'trtexec-metadata', BUILD],
  ['trtexec/pytorch__resnet__A100__qat__resnet-qat.graph.json', 'trtexec-layer-info', LAYERS],
  ['trtexec/pytorch__resnet__A100__qat__resnet-qat.metadata.json', 'trtexec-metadata', DEVICE],
  ['trtexec/pytorch__resnet__A100__qat__resnet-qat.profile.json', 'trtexec-profile', PROFILE],
  ['trtexec/pytorch__resnet__A100__qat__resnet-qat.profile.metadata.json', 'trtexec-metadata', SUMMARY],
  ['trtexec/tests__mobilenet.qat.build.metadata.json', 'trtexec-metadata', BUILD],
  ['trtexec/tests__mobilenet.qat.graph.json', 'trtexec-layer-info', LAYERS],
  ['trtexec/tests__mobilenet.qat.profile.json', 'trtexec-profile', PROFILE],
  ['trtexec/tests__mobilenet.qat.profile.metadata.json', 'trtexec-metadata', SUMMARY],
  ['trtexec/trt10__alexnet_fp16.build.metadata.json', 'trtexec-metadata', BUILD],
  ['trtexec/trt10__alexnet_fp16.graph.json', 'trtexec-layer-info', LAYERS],
  ['trtexec/trt10__alexnet_fp16.profile.json', 'trtexec-profile', PROFILE],
  ['trtexec/trt10__alexnet_fp16.profile.metadata.json', 'trtexec-metadata', SUMMARY],
  ['trtexec/trt10__resnet18_fp16.build.metadata.json', 'trtexec-metadata', BUILD],
  ['trtexec/trt10__resnet18_fp16.graph.json', 'trtexec-layer-info', LAYERS],
  ['trtexec/trt10__resnet18_fp16.profile.json', 'trtexec-profile', PROFILE],
  ['trtexec/trt10__resnet18_fp16.profile.metadata.json', 'trtexec-metadata', SUMMARY],
  [
    'trtexec/yolo_qat_orin.layer_info.json',
    'trtexec-layer-info',
    'trtexec layer information (--exportLayerInfo; layer names only)',
  ],
  ['trtexec/yolo_qat_orin.profile.json', 'trtexec-profile', PROFILE],
];

function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

// Each folder's file rows are detected together, as one drop of those files.
const dropped = new Map<string, ReturnType<typeof detectFiles>>();
function detectedRow(row: string) {
  const full = fixture(row);
  if (fs.statSync(full).isDirectory()) return detectFile(full);
  const folder = path.dirname(row);
  if (!dropped.has(folder)) {
    const rows = FIXTURE_TABLE.filter(
      ([p]) => path.dirname(p) === folder && fs.statSync(fixture(p)).isFile(),
    );
    dropped.set(folder, detectFiles(rows.map(([p]) => fixture(p))));
  }
  return dropped.get(folder)!.files.find((file) => file.path === full)!;
}

describe('every fixture file, by content', () => {
  it('the table covers every file under the fixtures folder', () => {
    const covered = (file: string) =>
      FIXTURE_TABLE.some(([row]) => file === fixture(row) || file.startsWith(`${fixture(row)}${path.sep}`));
    expect(
      filesUnder(FIXTURES)
        .filter((file) => !covered(file))
        .map((file) => path.relative(FIXTURES, file)),
    ).toEqual([]);
  });

  it.each(FIXTURE_TABLE)('%s: %s', (row, kind, description) => {
    const detected = detectedRow(row);
    expect(detected.kind).toBe(kind);
    expect(detected.description).toBe(description);
    expect(detected.refusal === undefined).toBe(kind !== 'unknown');
  });

  it.each(FIXTURE_TABLE.filter(([row]) => fs.statSync(fixture(row)).isFile()))(
    '%s: the same from its first bytes under the name "upload"',
    (row, kind) => {
      const bytes = fs.readFileSync(fixture(row));
      const detected = detectBytes('upload', bytes.subarray(0, HEAD_BYTES), bytes.length);
      // External weights are known only beside their model.
      expect(detected.kind).toBe(kind === 'onnx-external-data' ? 'unknown' : kind);
    },
  );

  it("groups the trtexec folder's 41 files into its 10 runs", () => {
    const { runs } = detectFiles(filesUnder(fixture('trtexec')));
    const sizes = Object.fromEntries(runs.map((run) => [run.label, run.files.length]));
    expect(sizes).toEqual({
      legacy__googlenet_gpu: 1,
      pytorch__resnet__A100__fp16__resnet: 6,
      pytorch__resnet__A100__fp32__resnet: 5,
      'pytorch__resnet__A100__qat-residual-qgap__resnet-qat-residual-qgap': 5,
      'pytorch__resnet__A100__qat-residual__resnet-qat-residual': 5,
      'pytorch__resnet__A100__qat__resnet-qat': 5,
      'tests__mobilenet.qat': 4,
      trt10__alexnet_fp16: 4,
      trt10__resnet18_fp16: 4,
      yolo_qat_orin: 2,
    });
  });

  it('every importer format is a kind the table shows', () => {
    const kinds = new Set(FIXTURE_TABLE.map(([, kind]) => kind));
    // trtexec-log has no fixture; it is made below.
    expect(importers.map((i) => i.format).filter((format) => !kinds.has(format))).toEqual(['trtexec-log']);
  });
});

describe('files made here', () => {
  const dir = tempDir('trt-detect-');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: string | Uint8Array) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  const mnist = fs.readFileSync(fixture('models', 'mnist-8_opt_wonnx.onnx'));
  const jpeg = fixture('images', 'coco-eval', '000000005037.jpg');

  // A stored (uncompressed) ZIP: local header of one entry, its bytes, no central directory needed to sniff.
  function zipOf(entry: string, data: string): Uint8Array {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(entry.length, 26);
    return Buffer.concat([header, Buffer.from(entry), Buffer.from(data)]);
  }

  /** Deterministic bytes that start with no signature (an LCG). */
  function randomBytes(length: number): Uint8Array {
    const bytes = new Uint8Array(length);
    let state = 12345;
    for (let i = 0; i < length; i++) {
      state = (state * 1103515245 + 12345) >>> 0;
      bytes[i] = state >>> 24;
    }
    return bytes;
  }

  // [what, makes the file (named to mislead where it can), kind, description, refusal contains]
  const made: [string, () => Promise<string> | string, FileKind, string, string][] = [
    [
      'a JPEG named .onnx',
      () => write('photo.onnx', fs.readFileSync(jpeg)),
      'unknown',
      'a JPEG image (640x425)',
      'give the folder',
    ],
    [
      'random bytes named .json',
      () => write('weights.json', randomBytes(4096)),
      'unknown',
      'binary data of no format the studio knows',
      ACCEPTED_FILES,
    ],
    [
      'random bytes named .engine',
      () => write('model.engine', randomBytes(512)),
      'unknown',
      'binary data of no format the studio knows',
      'trtexec --loadEngine=FILE',
    ],
    ['an empty file', () => write('empty.onnx', ''), 'unknown', 'an empty file', ACCEPTED_FILES],
    [
      'an empty folder',
      () => fs.mkdtempSync(path.join(dir, 'folder-')),
      'unknown',
      'an empty folder',
      ACCEPTED_FILES,
    ],
    [
      'a folder of text files',
      () => {
        const folder = fs.mkdtempSync(path.join(dir, 'notes-'));
        fs.writeFileSync(path.join(folder, 'a.jpg'), 'not an image');
        fs.writeFileSync(path.join(folder, 'b.txt'), 'b');
        return folder;
      },
      'unknown',
      'a folder with no JPEG or PNG images (2 files)',
      'open the files inside it',
    ],
    [
      'a folder with one PNG among other files',
      async () => {
        const folder = fs.mkdtempSync(path.join(dir, 'pngs-'));
        fs.writeFileSync(path.join(folder, 'x.data'), await sharp(jpeg).png().toBuffer());
        fs.writeFileSync(path.join(folder, 'readme.txt'), 'hello');
        return folder;
      },
      'image-folder',
      'a folder of 1 PNG image (and 1 other file), usable for calibration or evaluation',
      '',
    ],
    [
      'a text file',
      () => write('run.log', 'hello world\nsecond line\n'),
      'unknown',
      'a text file beginning "hello world"',
      ACCEPTED_FILES,
    ],
    [
      'a JSON object of unknown shape',
      () => write('config.json', JSON.stringify({ a: 1, b: [2], c: { d: 3 } })),
      'unknown',
      'a JSON file whose top level is an object with keys a, b, c',
      ACCEPTED_FILES,
    ],
    [
      'a JSON array of unknown objects',
      () =>
        write(
          'rows.json',
          JSON.stringify([
            { x: 1, y: 2 },
            { x: 3, y: 4 },
          ]),
        ),
      'unknown',
      'a JSON file whose top level is an array of 2 objects with keys x, y',
      ACCEPTED_FILES,
    ],
    [
      'a JSON object larger than the head',
      () => write('big.json', JSON.stringify({ first: 'x'.repeat(10), data: 'y'.repeat(200_000), last: 1 })),
      'unknown',
      'a JSON file whose top level is an object with keys first, data, ...',
      ACCEPTED_FILES,
    ],
    [
      'an ONNX model cut in half',
      () => write('mnist.onnx', mnist.subarray(0, mnist.length >> 1)),
      'unknown',
      'an ONNX model cut short (the file ends inside it)',
      'copy or export the model again',
    ],
    [
      'a gzip of text',
      () => write('trace.json.gz', zlib.gzipSync('just words, no JSON')),
      'unknown',
      'a gzip-compressed file holding a text file beginning "just words, no JSON"',
      ACCEPTED_FILES,
    ],
    [
      'a gzip of a trtexec profile',
      () =>
        write('p.json.gz', zlib.gzipSync(fs.readFileSync(fixture('trtexec', 'yolo_qat_orin.profile.json')))),
      'unknown',
      `a gzip-compressed file holding ${PROFILE}`,
      'decompress it first',
    ],
    [
      'a corrupt gzip',
      () => write('c.gz', Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5])),
      'unknown',
      'a gzip file that does not decompress (corrupt or cut short)',
      ACCEPTED_FILES,
    ],
    [
      'a ZIP archive',
      () => write('a.zip', zipOf('a.txt', 'hello')),
      'unknown',
      'a ZIP archive',
      ACCEPTED_FILES,
    ],
    [
      'a NumPy .npz',
      () => write('calib.bin', zipOf('x.npy', '\x93NUMPY')),
      'unknown',
      'a NumPy .npz archive',
      'npy:PATH',
    ],
    [
      'an SQLite file of another program',
      async () => {
        const SQL = await loadSqlJs();
        const db = new SQL.Database();
        db.run('CREATE TABLE cars (id INTEGER, name TEXT); INSERT INTO cars VALUES (1, "a");');
        const file = write('run.sqlite', db.export());
        db.close();
        return file;
      },
      'unknown',
      'an SQLite database that is not an Nsight Systems export (tables: cars)',
      ACCEPTED_FILES,
    ],
    [
      'a path that does not exist',
      () => path.join(dir, 'missing.onnx'),
      'unreadable',
      'no such file',
      'no such file',
    ],
    [
      'a studio session',
      () => {
        const file = path.join(dir, 'saved.json');
        saveSession(file, newSession());
        return file;
      },
      'session',
      'a studio session (schema 2)',
      '',
    ],
    [
      'a trtexec console log',
      () =>
        write(
          'run.txt',
          '&&&& RUNNING TensorRT.trtexec [TensorRT v8401] # trtexec --loadEngine=a.engine\n' +
            '[06/02/2022-10:11:12] [I] === Performance summary ===\n' +
            '[06/02/2022-10:11:12] [I] Throughput: 1155.36 qps\n',
        ),
      'trtexec-log',
      'a trtexec console log',
      '',
    ],
  ];

  it.each(made)('%s', async (_what, make, kind, description, refusal) => {
    const detected = detectFile(await make());
    expect(detected.kind).toBe(kind);
    expect(detected.description).toBe(description);
    if (refusal) {
      expect(detected.refusal).toContain(description);
      expect(detected.refusal).toContain(refusal);
      expect(detected.refusal).not.toMatch(/\n/);
    } else expect(detected.refusal).toBeUndefined();
  });

  it("a JPEG's size in its line is the decoder's", async () => {
    const { width, height } = await sharp(jpeg).metadata();
    expect(detectFile(jpeg).description).toBe(`a JPEG image (${width}x${height})`);
  });
});

describe('bounded reads', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a 500 MiB model is told from a few small reads', () => {
    // ModelProto { ir_version 7, graph { name "g", initializer { dims N, uint8, name "w", raw_data N bytes } },
    // opset_import { version 13 } }, the raw data left as a hole in a sparse file.
    const varint = (n: number) => {
      const out: number[] = [];
      for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
      return [...out, n];
    };
    const n = 500 * 2 ** 20;
    const tensorHead = [0x08, ...varint(n), 0x10, 2, 0x42, 1, 0x77, 0x4a, ...varint(n)];
    const graphHead = [0x12, 1, 0x67, 0x2a, ...varint(tensorHead.length + n)];
    const modelHead = [0x08, 7, 0x3a, ...varint(graphHead.length + tensorHead.length + n)];
    const head = Buffer.from([...modelHead, ...graphHead, ...tensorHead]);
    const dir = tempDir('trt-big-onnx-');
    const file = path.join(dir, 'big.onnx');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, head, 0, head.length, 0);
    fs.writeSync(fd, Buffer.from([0x42, 2, 0x10, 13]), 0, 4, head.length + n);
    fs.closeSync(fd);
    try {
      const reads = vi.spyOn(fs, 'readSync');
      const detected = detectFile(file);
      expect(detected).toMatchObject({ kind: 'onnx-model', description: 'an ONNX model (IR 7, opset 13)' });
      expect(detected.sizeBytes).toBe(head.length + n + 4);
      const requested = reads.mock.calls.reduce((sum, call) => sum + Number((call as unknown[])[3] ?? 0), 0);
      expect(reads).toHaveBeenCalled();
      expect(requested).toBeLessThanOrEqual(HEAD_BYTES + 1024);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('JSON shape from a head', () => {
  const text = fs.readFileSync(
    fixture('trtexec', 'pytorch__resnet__A100__fp16__resnet.profile.metadata.json'),
    'utf8',
  );
  const keys = Object.keys(JSON.parse(text) as object);

  it('any cut of a real document keeps its type and a prefix of its keys', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: text.length }), (length) => {
        const shape = sniffJson(text.slice(0, length))!;
        expect(shape.type).toBe('object');
        expect(keys.slice(0, shape.keys.length)).toEqual(shape.keys);
        expect(shape.complete).toBe(length === text.length);
      }),
    );
  });

  it('never throws on arbitrary text, and whole documents read as JSON.parse reads them', () => {
    fc.assert(fc.property(fc.string(), (anything) => void sniffJson(anything)));
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const shape = sniffJson(JSON.stringify(object))!;
        expect(shape.complete).toBe(true);
        expect(shape.keys).toEqual(Object.keys(object));
      }),
    );
  });
});
