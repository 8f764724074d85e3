/** COCO mAP@[0.5:0.95] on cases worked out by hand, and the annotation reader's refusals. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cocoMeanAveragePrecision, type GroundTruthBox } from '../../../electron/core/analysis/coco-map';
import { studioProblem } from '../../helpers/problems';
import { readCocoAnnotations } from '../../../electron/core/importers/coco-annotations';
import { box } from '../../helpers/boxes';
import { tempDir } from '../../helpers/fixtures';

const truth = (
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  categoryId = 1,
  crowd = false,
): GroundTruthBox => ({
  x1,
  y1,
  x2,
  y2,
  categoryId,
  crowd,
});
const det = (x1: number, y1: number, x2: number, y2: number, score: number, classId = 1) =>
  box(x1, y1, x2, y2, score, classId);

describe('cocoMeanAveragePrecision', () => {
  it('perfect detections score 1', () => {
    const images = [{ groundTruth: [truth(0, 0, 10, 10)], detections: [det(0, 0, 10, 10, 0.9)] }];
    expect(cocoMeanAveragePrecision(images)).toBe(1);
  });

  it('matches the hand-computed case', () => {
    // GT A (0,0,10,10) and B (20,20,30,30); detections: exact A (0.9), B grown by one row (0.8,
    // IoU 100/110 = 0.909), a false positive (0.7). IoU thresholds 0.50..0.90: both found before the
    // false positive: AP 1. At 0.95 only A matches: precision 1 up to recall 0.5, then no more recall:
    // 51 of the 101 recall points read 1, AP 51/101. mAP = (9 + 51/101) / 10.
    const images = [
      {
        groundTruth: [truth(0, 0, 10, 10), truth(20, 20, 30, 30)],
        detections: [det(0, 0, 10, 10, 0.9), det(20, 20, 30, 31, 0.8), det(50, 50, 60, 60, 0.7)],
      },
    ];
    expect(cocoMeanAveragePrecision(images)).toBeCloseTo((9 + 51 / 101) / 10, 12);
  });

  it('averages over categories, ignores a detection on a crowd region, and a wrong class finds nothing', () => {
    const images = [
      {
        groundTruth: [truth(0, 0, 10, 10, 1), truth(0, 0, 10, 10, 2), truth(40, 40, 80, 80, 1, true)],
        // category 1 found (plus one inside the crowd, ignored); category 2 detected as category 3.
        detections: [det(0, 0, 10, 10, 0.9, 1), det(50, 50, 60, 60, 0.95, 1), det(0, 0, 10, 10, 0.8, 3)],
      },
    ];
    expect(cocoMeanAveragePrecision(images)).toBeCloseTo(0.5, 12);
  });
});

describe('readCocoAnnotations', () => {
  const dir = tempDir('trt-studio-coco-');
  const write = (name: string, body: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
    return file;
  };

  it('reads boxes by file name, corners from x,y,w,h, categories in id order', () => {
    const file = write('ok.json', {
      images: [{ id: 7, file_name: 'val2017/000000005037.jpg', width: 640, height: 425 }],
      annotations: [{ image_id: 7, category_id: 18, bbox: [10, 20, 30, 40], iscrowd: 0 }],
      categories: [{ id: 18 }, { id: 1 }],
    });
    const coco = readCocoAnnotations(file);
    expect(coco.categoryIds).toEqual([1, 18]);
    expect(coco.byFile.get('000000005037.jpg')).toEqual([truth(10, 20, 40, 60, 18)]);
  });

  it('names the file and what is wrong', () => {
    const problem = (file: string) => studioProblem(() => readCocoAnnotations(file));
    const missing = path.join(dir, 'none.json');
    expect(problem(missing)).toBe(`${missing}: cannot read COCO annotations: no such file`);
    const bad = write('bad.json', {
      images: [],
      annotations: [{ image_id: 1, category_id: 1, bbox: [1, 2, 3] }],
      categories: [{ id: 1 }],
    });
    expect(problem(bad)).toMatch(/bad\.json: not COCO instances annotations: annotations\.0\.bbox: /);
    const orphan = write('orphan.json', {
      images: [],
      annotations: [{ image_id: 3, category_id: 1, bbox: [1, 2, 3, 4] }],
      categories: [{ id: 1 }],
    });
    expect(problem(orphan)).toMatch(/annotation for image_id 3, which is not in images/);
  });
});
