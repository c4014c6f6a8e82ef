import { PjlSession, UEL } from './pjl.js';

const session = () => new PjlSession(() => 'KYOCERA ECOSYS P2040dn');

describe('PjlSession', () => {
  it('answers @PJL INFO ID with the quoted model name and a form feed, once per query', () => {
    const s = session();
    expect(s.push(Buffer.from(`${UEL}@PJL INFO `, 'latin1')).answers).toEqual([]);
    expect(s.push(Buffer.from('ID\r\n', 'latin1')).answers).toEqual([
      '@PJL INFO ID\r\n"KYOCERA ECOSYS P2040dn"\r\n\f',
    ]);
    expect(s.push(Buffer.from(UEL, 'latin1')).answers).toEqual([]);
    expect(s.queries).toBe(1);
    expect(s.onlyPjl()).toBe(true);
    expect(s.selfTestRequested()).toBe(false);
  });

  it('sees a PCL self-test after ENTER LANGUAGE = PCL as a configuration page request', () => {
    const s = session();
    s.push(
      Buffer.from(`${UEL}@PJL\r\n@PJL ENTER LANGUAGE = PCL\r\n\x1bE\x1bz\x1bE${UEL}`, 'latin1'),
    );
    expect(s.selfTestRequested()).toBe(true);
    expect(s.onlyPjl()).toBe(false);
  });

  it('treats plain text as a print job, not PJL, and ESC z without PCL as no self-test', () => {
    const text = session();
    text.push(Buffer.from('Printbeat test page\r\n\f', 'latin1'));
    expect(text.onlyPjl()).toBe(false);
    expect(text.selfTestRequested()).toBe(false);
    const bare = session();
    bare.push(Buffer.from('\x1bz', 'latin1'));
    expect(bare.selfTestRequested()).toBe(false);
  });
});
