import { expect, it } from 'vitest';
import { formatBytes } from './format-bytes';

it('formats bytes in binary units', () => {
  expect(formatBytes(0)).toBe('0 B');
  expect(formatBytes(1023)).toBe('1023 B');
  expect(formatBytes(1024)).toBe('1.00 KiB');
  expect(formatBytes(1536)).toBe('1.50 KiB');
  expect(formatBytes(10 * 1024 * 1024)).toBe('10.0 MiB');
  expect(formatBytes(300 * 1024 ** 3)).toBe('300 GiB');
  expect(formatBytes(-2048)).toBe('-2.00 KiB');
  expect(formatBytes(NaN)).toBe('?');
});
