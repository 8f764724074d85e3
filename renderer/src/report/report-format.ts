/** The report's two figure shapes over the shared formatter (model/units.ts): speedups and shares given in percent. */
import { formatFixed, formatPercent } from '../../../electron/core/model/units';

/** 2.31x; '-' when unknown. */
export const formatSpeedup = (ratio: number | null | undefined): string => formatFixed(ratio, 2, 'x');

/** A share the report gives in percent (0..100): 12.3%; '-' when unknown. */
export const formatShare = (percent: number | null | undefined): string =>
  formatPercent(percent === null || percent === undefined ? percent : percent / 100);
