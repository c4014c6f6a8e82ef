import { connect } from 'node:net';

/**
 * PJL over the raw-print port, after HP's "Printer Job Language Technical Reference Manual"
 * (https://developers.hp.com/system/files/PJL_Technical_Reference_Manual.pdf): a job starts and
 * ends with the Universal Exit Language (UEL) `ESC%-12345X`; `@PJL INFO ID` makes the printer
 * answer on the same connection with `@PJL INFO ID`, CR LF, the quoted model name, CR LF and a
 * form feed; `@PJL ENTER LANGUAGE = PCL` hands the rest of the job to PCL.
 */
export const UEL = '\x1b%-12345X';

/**
 * A job that makes the printer print its own configuration page: PCL `ESC E` (printer reset)
 * then `ESC z` (self-test, which prints the configuration/self-test page; HP "PCL 5 Printer
 * Language Technical Reference Manual", and e.g. the Compaq 5525B PCL reference, "Self-test:
 * ESCz prints the…"), framed by UEL and entered through PJL ENTER LANGUAGE.
 */
export function configurationPageJob(): string {
  return `${UEL}@PJL\r\n@PJL ENTER LANGUAGE = PCL\r\n\x1bE\x1bz\x1bE${UEL}`;
}

export type PjlProbe =
  | { portOpen: true; answered: true; id: string }
  | { portOpen: true; answered: false; reason: string }
  | { portOpen: false; answered: false; reason: string };

const MAX_ANSWER_BYTES = 4096;

/**
 * Asks `@PJL INFO ID` on the raw-print port and waits at most `timeoutMs` for the answer. The
 * query prints nothing on a printer that speaks PJL; one that does not may print the query
 * as text, which is why it is sent only by actions (troubleshoot, test page), never on a timer.
 */
export function queryPjlId(host: string, port: number, timeoutMs: number): Promise<PjlProbe> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let connected = false;
    let answer = '';
    let settled = false;
    const done = (probe: PjlProbe): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(probe);
    };
    const timer = setTimeout(
      () =>
        done(
          connected
            ? { portOpen: true, answered: false, reason: `no PJL answer within ${timeoutMs} ms` }
            : { portOpen: false, answered: false, reason: `no connection within ${timeoutMs} ms` },
        ),
      timeoutMs,
    );
    socket.once('connect', () => {
      connected = true;
      socket.write(`${UEL}@PJL INFO ID\r\n${UEL}`, 'latin1');
    });
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      const id = parseInfoId(answer);
      if (id !== null) done({ portOpen: true, answered: true, id });
      else if (answer.length > MAX_ANSWER_BYTES)
        done({ portOpen: true, answered: false, reason: 'unreadable PJL answer' });
    });
    socket.once('error', (error) =>
      done(
        connected
          ? { portOpen: true, answered: false, reason: error.message }
          : { portOpen: false, answered: false, reason: error.message },
      ),
    );
    socket.once('close', () =>
      done(
        connected
          ? { portOpen: true, answered: false, reason: 'closed without a PJL answer' }
          : { portOpen: false, answered: false, reason: 'connection closed' },
      ),
    );
  });
}

/** The model name of a complete `@PJL INFO ID` answer (ended by a form feed); null before that. */
export function parseInfoId(answer: string): string | null {
  const match = /@PJL\s+INFO\s+ID\s*\r?\n([\s\S]*?)\f/i.exec(answer);
  if (!match) return null;
  const line = match[1]!.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return line.trim().replace(/^"(.*)"$/, '$1');
}
