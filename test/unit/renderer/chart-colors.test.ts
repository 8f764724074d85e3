/** Layer-type colours: stable per name, and never two alike within one chart. */
import { describe, expect, it } from 'vitest';
import { colorOfName, distinctColorsOf } from '../../../renderer/src/charts/chart-colors';

describe('chart colours', () => {
  it('gives two names whose hashes meet (Reformat and Pooling) different colours in one chart', () => {
    expect(colorOfName('Reformat')).toBe(colorOfName('Pooling'));
    const [reformat, pooling] = distinctColorsOf(['Reformat', 'Pooling']);
    expect(reformat).toBe(colorOfName('Reformat'));
    expect(pooling).not.toBe(reformat);
  });

  it('keeps each name its own colour where nothing collides', () => {
    const names = ['Convolution', 'Reformat'];
    expect(distinctColorsOf(names)).toEqual(names.map(colorOfName));
  });
});
