import { describe, expect, it } from 'vitest';
import { base64Problem } from '../src/base64.js';

describe('base64Problem (strict standard base64)', () => {
  it('accepts canonical padded base64, the empty text included', () => {
    for (const text of ['', 'QQ==', 'QUI=', 'QUJD', Buffer.from('any bytes \u00ff').toString('base64')]) expect(base64Problem(text)).toBeUndefined();
  });

  it('names the first bad symbol, bad padding, a bad length and stray bits', () => {
    expect(base64Problem('QU JD')).toEqual({ kind: 'symbol', offset: 2, symbol: ' ' });
    expect(base64Problem('QU-D')).toEqual({ kind: 'symbol', offset: 2, symbol: '-' });
    expect(base64Problem('Q=JD')).toEqual({ kind: 'padding', offset: 1 });
    expect(base64Problem('QQ===')).toEqual({ kind: 'padding', offset: 2 });
    expect(base64Problem('QUJ')).toEqual({ kind: 'length', length: 3 });
    expect(base64Problem('QR==')).toEqual({ kind: 'last-symbol', offset: 1 });
  });
});
