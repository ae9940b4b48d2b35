// The op table against the op codes the agent sends and against docs/protocol.md's table, which users
// read: the three change together or this fails.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { opByCode, opTable } from './op-table';

const OP_TABLE = opTable();
import { Op } from './protocol';

/** docs/protocol.md's op table: name, code and operand names of each row. */
function docRows(): { name: string; code: number; operands: string[] }[] {
  const md = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');
  const rows: { name: string; code: number; operands: string[] }[] = [];
  for (const line of md.split('\n')) {
    const m = /^\| (\w+) \| (\d+) \| (.*) \|$/.exec(line);
    if (!m) continue;
    // Operand names come before any " — " explanation; each is the first word of a comma-separated item
    // outside parentheses.
    let text = m[3]!.split(' — ')[0]!;
    let depth = 0;
    let flat = '';
    for (const ch of text) {
      if (ch === '(') depth++;
      if (depth === 0) flat += ch;
      if (ch === ')') depth--;
    }
    text = flat.trim();
    const operands = text === '' ? [] : text.split(',').map((x) => x.trim().split(/\s+/)[0]!);
    rows.push({ name: m[1]!, code: Number(m[2]), operands });
  }
  return rows;
}

describe('the op table', () => {
  it('has an entry with the same code for every op code, and no other', () => {
    expect(Object.keys(OP_TABLE).sort()).toEqual(Object.keys(Op).sort());
    for (const [name, spec] of Object.entries(OP_TABLE)) expect(spec.code, name).toBe(Op[name as keyof typeof Op]);
  });

  it('finds each op by its code, with its operands in wire order', () => {
    expect(opByCode(Op.Create)!.operands.map((o) => o.type)).toEqual(['id', 'kind', 'id', 'str']);
    expect(opByCode(Op.Tick)!.operands).toEqual([]);
    expect(opByCode(Op.Churn)!.operands.map((o) => o.name)).toEqual(['kindCode', 'ctxId', 'bytes', 'count']);
    expect(opByCode(99)).toBeUndefined();
  });

  it('is the table of docs/protocol.md: every op, its code and its operands in order', () => {
    const doc = docRows();
    expect(doc.map((r) => r.name)).toEqual(Object.values(OP_TABLE).sort((a, b) => a.code - b.code).map((s) => Object.keys(OP_TABLE).find((k) => OP_TABLE[k as keyof typeof Op] === s)));
    for (const row of doc) {
      const spec = OP_TABLE[row.name as keyof typeof Op];
      expect({ name: row.name, code: row.code, operands: row.operands }).toEqual({ name: row.name, code: spec.code, operands: spec.operands.map((o) => o.name) });
    }
  });
});
