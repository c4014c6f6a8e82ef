/** Lets the browser download a file from `url` (central answers with an attachment). */
export function downloadFrom(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.rel = 'noopener';
  link.click();
}
