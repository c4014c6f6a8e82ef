import { probedCapabilities } from './device-capabilities.js';
import { configurationPageJob, parseInfoId, UEL } from './pjl.js';

describe('probedCapabilities', () => {
  it('records an open port answering PJL with its model, and a configured write credential', () => {
    expect(
      probedCapabilities({ portOpen: true, answered: true, id: 'HP LaserJet M404' }, 2),
    ).toEqual({
      rawPrintPort: true,
      pjl: true,
      pjlId: 'HP LaserJet M404',
      writeCredential: true,
    });
  });

  it('says nothing about PJL behind a closed port, and no write credential with none configured', () => {
    expect(probedCapabilities({ portOpen: false, answered: false }, 0)).toEqual({
      rawPrintPort: false,
      writeCredential: false,
    });
    expect(probedCapabilities({ portOpen: true, answered: false }, null)).toEqual({
      rawPrintPort: true,
      pjl: false,
      pjlId: null,
    });
  });
});

describe('PJL', () => {
  it('reads the model from a complete INFO ID answer only', () => {
    expect(parseInfoId('@PJL INFO ID\r\n"KYOCERA ECOSYS P2040dn"\r\n\f')).toBe(
      'KYOCERA ECOSYS P2040dn',
    );
    expect(parseInfoId('@PJL INFO ID\r\nHP LaserJet 4\r\n\f')).toBe('HP LaserJet 4');
    expect(parseInfoId('@PJL INFO ID\r\n"HP')).toBeNull();
    expect(parseInfoId('garbage\f')).toBeNull();
  });

  it('asks for the configuration page through PJL ENTER LANGUAGE and PCL self-test, framed by UEL', () => {
    const job = configurationPageJob();
    expect(job.startsWith(`${UEL}@PJL\r\n@PJL ENTER LANGUAGE = PCL\r\n`)).toBe(true);
    expect(job).toContain('\x1bz');
    expect(job.endsWith(UEL)).toBe(true);
  });
});
