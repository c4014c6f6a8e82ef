const FORM_FEED = 0x0c;

/**
 * Pages in a raw (port 9100) job: one per form feed, plus one for content after the last
 * form feed; at least one page for any job, as printers eject what they received.
 */
export class RawJobCounter {
  private formFeeds = 0;
  private trailingContent = false;
  private bytes = 0;

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    for (const byte of chunk) {
      if (byte === FORM_FEED) {
        this.formFeeds++;
        this.trailingContent = false;
      } else if (byte > 0x20) {
        this.trailingContent = true;
      }
    }
  }

  get received(): number {
    return this.bytes;
  }

  pages(): number {
    return Math.max(1, this.formFeeds + (this.trailingContent ? 1 : 0));
  }
}
