import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_ERROR_LINE, MAX_INPUT_BYTES, decodeUtf8, parseJson, readCapped, readFileText, readStdin, terminalLine } from './io.js';

describe('reading input with a cap', () => {
  it('reads a stream whole under the cap, with or without a byte-order mark', async () => {
    expect(await readCapped(Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]), 'input', 100)).toBe('{"a":1}');
    expect(await readStdin(Readable.from([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')]), 100)).toBe('{}');
    expect(await readCapped(Readable.from(['text chunks']), 'input', 100)).toBe('text chunks');
    expect(MAX_INPUT_BYTES).toBe(64 * 2 ** 20);
  });
  it('stops at the first chunk beyond the cap, naming the limit, without reading the rest', async () => {
    let pulled = 0;
    function* endless() {
      for (;;) {
        pulled++;
        yield Buffer.alloc(1000, 0x20);
      }
    }
    await expect(readCapped(Readable.from(endless()), 'input', 10_000)).rejects.toThrow(/^input: is larger than the input limit of 10000 bytes$/);
    expect(pulled).toBeLessThan(30);
    await expect(readCapped(Readable.from([Buffer.alloc(3 * 2 ** 20)]), 'FILE', 2 * 2 ** 20)).rejects.toThrow(/^FILE: is larger than the input limit of 2 MiB$/);
  });
  it('rejects invalid UTF-8 and reports read errors', async () => {
    expect(() => decodeUtf8(Uint8Array.from([0x7b, 0xff, 0x7d]), 'input')).toThrow(/^input: must be UTF-8 text$/);
    const failing = new Readable({ read() { this.destroy(Object.assign(new Error('boom'), { code: 'EIO' })); } });
    await expect(readCapped(failing, 'input')).rejects.toThrow(/^input: cannot read \(EIO\)$/);
    await expect(readFileText('/')).rejects.toThrow(/^FILE: cannot read "\/" \(EISDIR\)$/);
    await expect(readFileText('/nonexistent/x.json')).rejects.toThrow(/^FILE: cannot read "\/nonexistent\/x.json" \(ENOENT\)$/);
    expect(() => parseJson('{')).toThrow(/^input: must be valid JSON/);
  });
});

describe('terminal-safe error lines', () => {
  it('escapes control characters, separators, bidi controls and lone surrogates', () => {
    expect(terminalLine('a\u0000b\u001b[2Jc\rd\ne\tf\u007f\u0085\u2028\u2029\u202e\ud800g')).toBe('a\\u0000b\\u001b[2Jc\\rd\\ne\\tf\\u007f\\u0085\\u2028\\u2029\\u202e\\ud800g');
    expect(terminalLine('plain ünïcödé 🙂 text')).toBe('plain ünïcödé 🙂 text');
  });
  it('cuts long lines to the maximum, never inside a surrogate pair', () => {
    const cut = terminalLine('x'.repeat(10_000));
    expect(cut.length).toBeLessThanOrEqual(MAX_ERROR_LINE);
    expect(cut).toMatch(/^x+ … \(10000 characters, cut\)$/);
    for (let k = 0; k < 4; k++) {
      const s = terminalLine('y'.repeat(k) + '🙂'.repeat(500), 100);
      expect(s.length).toBeLessThanOrEqual(100);
      expect(s).not.toMatch(/\p{Cs}/u);
    }
  });
});
