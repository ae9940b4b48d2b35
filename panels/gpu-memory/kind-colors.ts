// One colour per kind, stable across charts and tables.
import { KINDS, type Kind } from '../../src/model/model';

const PALETTE = ['#1a73e8', '#e8710a', '#188038', '#d93025', '#9334e6', '#12b5cb', '#f9ab00', '#5f6368'];

export function kindColor(kind: Kind): string {
  return PALETTE[KINDS.indexOf(kind) % PALETTE.length]!;
}
