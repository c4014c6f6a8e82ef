/** Every parsing worker is busy and the queue is full: the agent should come back later. */
export class UploadsBusyError extends Error {
  readonly code = 'UPLOADS_BUSY';

  constructor(readonly retryAfterSeconds: number) {
    super('Central is busy parsing other uploads; retry later');
    this.name = 'UploadsBusyError';
  }
}
