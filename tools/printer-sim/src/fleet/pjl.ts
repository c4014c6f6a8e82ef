/**
 * The PJL a printer's raw-print port understands here, after HP's "Printer Job Language
 * Technical Reference Manual" (https://developers.hp.com/system/files/PJL_Technical_Reference_Manual.pdf):
 * a job starts with the Universal Exit Language `ESC%-12345X`; `@PJL INFO ID` is answered on
 * the same connection with `@PJL INFO ID`, CR LF, the quoted model name, CR LF and a form
 * feed; `@PJL ENTER LANGUAGE = PCL` switches to PCL, where `ESC z` (PCL "self-test") prints
 * the printer's own configuration page.
 */
export const UEL = '\x1b%-12345X';
const SELF_TEST = '\x1bz';
const MAX_BUFFERED = 64 * 1024;

export type PjlOutcome = {
  /** Answers to send back on the connection, in order. */
  answers: string[];
};

/** Reads one raw-port connection: PJL queries are answered, the rest is a print job. */
export class PjlSession {
  private text = '';
  private answeredUpTo = 0;
  private answered = 0;

  constructor(private readonly modelName: () => string) {}

  /** Feeds received bytes; returns the answers due for complete `@PJL INFO ID` lines. */
  push(chunk: Uint8Array): PjlOutcome {
    if (this.text.length < MAX_BUFFERED) this.text += Buffer.from(chunk).toString('latin1');
    const answers: string[] = [];
    const pattern = /@PJL\s+INFO\s+ID\s*\r?\n/gi;
    pattern.lastIndex = this.answeredUpTo;
    for (let match = pattern.exec(this.text); match; match = pattern.exec(this.text)) {
      answers.push(`@PJL INFO ID\r\n"${this.modelName()}"\r\n\f`);
      this.answeredUpTo = pattern.lastIndex;
      this.answered++;
    }
    return { answers };
  }

  /** PJL status queries answered on this connection. */
  get queries(): number {
    return this.answered;
  }

  /** Whether the job asked for the configuration page (PCL self-test after ENTER LANGUAGE). */
  selfTestRequested(): boolean {
    const enter = /@PJL\s+ENTER\s+LANGUAGE\s*=\s*PCL\s*\r?\n/i.exec(this.text);
    return enter !== null && this.text.indexOf(SELF_TEST, enter.index) !== -1;
  }

  /** Whether the connection carried only PJL (UEL and `@PJL` lines): nothing to print. */
  onlyPjl(): boolean {
    const rest = this.text
      .split(UEL)
      .join('')
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '' && !/^@PJL/i.test(line.trim()));
    return this.text.includes('@PJL') && rest.length === 0;
  }
}
