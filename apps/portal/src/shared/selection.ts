/** The selection with `item` switched: removed if it was chosen, appended if it was not. */
export function toggled<T>(selection: readonly T[], item: T): T[] {
  return selection.includes(item)
    ? selection.filter((chosen) => chosen !== item)
    : [...selection, item];
}
